"""Prints the pairs translate-toolkit reads from a TMX or XLIFF file, one `source TAB target`
line each (units without a target left out), for tests/clients/run.sh to compare with tm's."""

import sys

from translate.storage import factory


def main() -> None:
    store = factory.getobject(sys.argv[1])
    for unit in store.units:
        if unit.isheader() or not unit.source:
            continue
        target = unit.target or ""
        if not target:
            continue
        print(f"{unit.source}\t{target}")


if __name__ == "__main__":
    main()
