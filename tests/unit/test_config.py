"""The shipped Streamlit configuration is production-safe."""

import tomllib
from pathlib import Path

CONFIG = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())


def test_protections_are_on() -> None:
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["server"]["enableCORS"] is True


def test_errors_are_not_shown_to_users() -> None:
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_uploads_are_capped_at_a_few_megabytes() -> None:
    assert 1 <= CONFIG["server"]["maxUploadSize"] <= 10


def test_static_serving_is_only_for_the_apps_assets() -> None:
    assert CONFIG["server"]["enableStaticServing"] is True
    gitignore = (Path(__file__).resolve().parents[2] / ".gitignore").read_text().split()
    assert "static/" in gitignore  # generated from xstatic-leaflet, never hand-edited data


def test_headless_and_no_usage_statistics() -> None:
    assert CONFIG["server"]["headless"] is True
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_text_is_set_in_the_systems_fonts() -> None:
    """A system font stack for text, headings and code: nothing to download. Streamlit reads
    a list that is only a generic keyword ("sans-serif") as its own Source Sans, and appends
    its own fonts after any other list; none of ours names a font it would fetch."""
    for option in ("font", "headingFont", "codeFont"):
        families = [family.strip(" '\"") for family in CONFIG["theme"][option].split(",")]
        assert len(families) > 2 and families[-1] not in ("sans-serif", "serif", "monospace")
        assert not {"Source Sans", "Source Code Pro", "Source Serif"} & set(families)
        assert ":" not in CONFIG["theme"][option]  # "name:url" would make Streamlit fetch a stylesheet
