"""``neuroquiz`` as a subprocess, with the maintenance commands registered if the lead has not
registered them in ``neuroquiz.cli`` yet.

Run:
    python tests/hardening/cli_main.py --db DB doctor
"""

from __future__ import annotations

from neuroquiz.cli import cli, main
from neuroquiz.cli.maintenance_cmds import COMMANDS

for command in COMMANDS:
    if command.name not in cli.commands:
        cli.add_command(command)

if __name__ == "__main__":
    main()
