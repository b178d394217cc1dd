"""Moving one row up or down in a list kept in an ``order`` field: one rule for every such list."""

from django.db import transaction


def move_in_order(queryset, item, direction):
    """Swap ``item`` with its neighbour in ``queryset`` (``direction`` -1 up, +1 down), then number the
    rows 1, 2, 3… in their new order. The rows are locked while they are renumbered; moving the first
    row up or the last one down changes nothing. ``queryset`` must be ordered and contain ``item``.
    """
    with transaction.atomic():
        rows = list(queryset.select_for_update())
        index = next(i for i, row in enumerate(rows) if row.pk == item.pk)
        target = index + direction
        if 0 <= target < len(rows):
            rows[index], rows[target] = rows[target], rows[index]
        for order, row in enumerate(rows, start=1):
            if row.order != order:
                row.order = order
                row.save(update_fields=["order"])
    return item
