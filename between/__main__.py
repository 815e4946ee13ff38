"""The `between` command: every operational task is a management command."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "between.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    # Commands are spelled with hyphens on the command line (`between verify-audit`)
    # and with underscores as Python modules.
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["between", *args])


if __name__ == "__main__":
    main()
