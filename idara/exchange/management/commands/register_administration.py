import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from joserfc.errors import JoseError
from joserfc.jwk import ECKey

from idara.exchange.models import ClientAdministration, Scope
from idara.exchange.services import register_client


class Command(BaseCommand):
    help = (
        "Register an administration that calls Idara: its OAuth2 client credentials (printed "
        "once), its public key (a JWK file, EC P-256) and the scopes it may use."
    )

    def add_arguments(self, parser):
        parser.add_argument("identifier")
        parser.add_argument("--name-fr", required=True)
        parser.add_argument("--name-ar", required=True)
        parser.add_argument("--public-jwk", required=True, type=Path)
        parser.add_argument("--scope", action="append", choices=Scope.values, required=True)
        parser.add_argument("--legal-basis", default="", help="the text that dispenses consent")
        parser.add_argument("--legal-basis-scope", action="append", default=[])

    @transaction.atomic
    def handle(self, identifier, **options):
        if ClientAdministration.objects.filter(identifier=identifier).exists():
            raise CommandError(f"{identifier} is already registered")
        try:
            jwk = json.loads(options["public_jwk"].read_text())
            ECKey.import_key(jwk)
        except (OSError, ValueError, JoseError) as wrong:
            raise CommandError(f"the public key is not an EC JWK: {wrong}")
        if "d" in jwk:
            raise CommandError("this is a private key: give the public one only")
        client, secret = register_client(
            identifier,
            name_fr=options["name_fr"],
            name_ar=options["name_ar"],
            public_jwk=jwk,
            scopes=options["scope"],
            legal_basis=options["legal_basis"],
            legal_basis_scopes=options["legal_basis_scope"],
        )
        application = client.application
        self.stdout.write(f"client_id: {application.client_id}")
        self.stdout.write(f"client_secret: {secret}  (shown once; Idara keeps only its hash)")
