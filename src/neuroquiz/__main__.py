"""Allow ``python -m neuroquiz``."""

from neuroquiz.cli import main

if __name__ == "__main__":
    main()
