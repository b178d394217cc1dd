"""Factories for organisations and applications."""

import factory
from allauth.account.models import EmailAddress

from speakers.models import Application, Organisation, OrganisationMembership
from tests.factories.core import UserFactory
from tests.factories.presessions import IssueFactory, PresessionFactory, StateFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Demo Rights Network {n}")
    acronym = factory.Sequence(lambda n: f"DRN{n}")
    country = factory.SubFactory(StateFactory)
    kind = Organisation.Kind.NATIONAL_NGO


def applicant_for(organisation, *, role=OrganisationMembership.Role.ADMIN, **kwargs):
    """A signed-up applicant with a verified e-mail acting for ``organisation``: by default its
    administrator, as whoever registers an organisation is; ``role="member"`` for a colleague."""
    user = UserFactory(is_applicant=True, **kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    OrganisationMembership.objects.create(user=user, organisation=organisation, role=role)
    return user


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    presession = factory.SubFactory(PresessionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    speaker_name = factory.Faker("name")
    speaker_email = factory.Sequence(lambda n: f"speaker{n}@example.org")
    speaker_gender = Application.Gender.WOMAN
    status = Application.Status.DRAFT

    @factory.post_generation
    def issues(obj, create, extracted, **kwargs):
        if create:
            obj.issues.set(extracted if extracted is not None else [IssueFactory()])
