"""`between migrate`: Django's migrate, for the main database and the key store together.

With --database it migrates that one database only (the test runner relies on this)."""

from django.core.management.commands import migrate

from between.accounts import keystore


class Command(migrate.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(database=None)

    def get_check_kwargs(self, options):
        kwargs = super().get_check_kwargs(options)
        if options["database"] is None:
            kwargs["databases"] = ["default", keystore.ALIAS]
        return kwargs

    def handle(self, *args, **options):
        if options["database"] is not None:
            return super().handle(*args, **options)
        super().handle(*args, **{**options, "database": "default"})
        super().handle(*args, **{**options, "database": keystore.ALIAS})
        moved = keystore.adopt_legacy_keys()
        if moved and options["verbosity"]:
            self.stdout.write(f"Moved {moved} data keys into the key store.")
