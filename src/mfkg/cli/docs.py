"""`mfkg docs`: regenerate the README's counts (from the graph), verb table (from this CLI) and benchmark
table (from the benchmark's JSON)."""

from __future__ import annotations

from pathlib import Path

import click

from mfkg.cli.common import BUILD_DIR_OPTION, fail, open_store_for


def list_commands(group: click.Group, prefix: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name in sorted(group.commands):
        cmd = group.commands[name]
        if isinstance(cmd, click.Group):
            out += list_commands(cmd, f"{prefix}{name} ")
        else:
            out.append((f"{prefix}{name}", (cmd.help or "").strip().splitlines()[0].rstrip(".")))
    return out


@click.command()
@BUILD_DIR_OPTION
@click.option("--readme", type=click.Path(path_type=Path), default=Path("README.md"), show_default=True)
@click.option("--bench-json", type=click.Path(path_type=Path), default=Path("docs") / "bench.json", show_default=True,
              help="The benchmark's JSON the README's benchmark table is written from (`mfkg bench --output`).")
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if the README differs from the graph and the CLI.")
def docs(build_dir: Path, readme: Path, bench_json: Path, check: bool) -> None:
    """Regenerate the README's counts, verb table and benchmark table from the built graph, the CLI and the bench JSON."""
    from mfkg.bench.table import load_table
    from mfkg.files import atomic_write
    from mfkg.outputs.readme import counts_section, render_readme, verbs_section
    from mfkg.query.saved import SavedQueries

    if not readme.exists():
        fail(f"{readme} does not exist; run from the project folder or pass --readme")
    root = click.get_current_context().find_root().command
    assert isinstance(root, click.Group)
    text = readme.read_text(encoding="utf-8")
    new = render_readme(text, readme, counts=counts_section(open_store_for(build_dir), len(SavedQueries.load().queries)),
                        verbs=verbs_section(list_commands(root)), bench=load_table(bench_json))
    if check:
        if new != text:
            fail(f"{readme} is out of date with the graph or the CLI; run 'mfkg docs'", 1)
        click.echo(f"{readme} is up to date")
        return
    atomic_write(readme, new.encode("utf-8"))
    click.echo(f"wrote {readme}")


COMMANDS = (docs,)
