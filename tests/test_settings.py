"""Settings: secrets never show themselves, whichever way a message is formatted."""

import json
import logging
import pickle
import traceback

import pytest

from kg.fetch import EutilsConfig
from kg.loaders.neo4j_bolt import Neo4jConnection
from kg.settings import Secret, load_settings

VALUE = "hunter2-s3cr3t"


def _renderings(secret: Secret) -> list[str]:
    """Every ordinary way a value ends up in a message."""
    try:
        raise ValueError(f"login failed with {secret}")
    except ValueError as exc:
        caught = exc
    return [
        str(secret),
        repr(secret),
        f"{secret}",
        f"{secret!s}",
        f"{secret!r}",
        f"{secret:>20}",
        "%s" % secret,  # noqa: UP031 - %-formatting is exactly what is tested
        "%r" % (secret,),  # noqa: UP031
        "{}".format(secret),  # noqa: UP032
        str([secret]),
        str({"password": secret}),
        str(caught),
        repr(caught),
        "".join(traceback.format_exception(caught)),
        str(ValueError(secret)),
        str(ValueError("bad", secret)),
    ]


def test_no_formatting_shows_the_value():
    secret = Secret(VALUE)
    for text in _renderings(secret):
        assert VALUE not in text and "***" in text, text
    assert secret.reveal() == VALUE


def test_string_operations_cannot_reach_the_value():
    secret = Secret(VALUE)
    with pytest.raises(TypeError):
        "password=" + secret  # not a str, so no concatenation
    with pytest.raises(TypeError):
        json.dumps({"password": secret})
    with pytest.raises(AttributeError):
        secret._value = "other"
    assert not isinstance(secret, str)


def test_a_logged_secret_stays_hidden(caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("irkg.test").info("connecting with %s / %r", Secret(VALUE), Secret(VALUE))
    assert VALUE not in caplog.text and "***" in caplog.text


def test_truthiness_equality_and_copies():
    assert Secret(VALUE) and not Secret("") and not Secret()
    assert Secret(VALUE) == Secret(VALUE) != Secret("other")
    assert Secret(VALUE) != VALUE  # never equal to the plain string (no probing by comparison)
    assert Secret(Secret(VALUE)).reveal() == VALUE
    assert pickle.loads(pickle.dumps(Secret(VALUE))).reveal() == VALUE
    with pytest.raises(TypeError, match="holds a string"):
        Secret(123)


def test_settings_and_configs_keep_their_secrets(tmp_path):
    settings = load_settings({"NEO4J_PASSWORD": VALUE, "IRKG_HOME": str(tmp_path)}, tmp_path)
    assert settings.neo4j.password.reveal() == VALUE
    assert VALUE not in f"{settings} {settings.neo4j} {settings.neo4j.password}"
    config = EutilsConfig.from_env({"NCBI_API_KEY": VALUE})
    assert config.has_key and config.api_key.reveal() == VALUE
    assert VALUE not in f"{config} {config.api_key}" and "%s" % config.api_key == "***"  # noqa: UP031
    connection = Neo4jConnection("bolt://localhost:7687", "neo4j", VALUE)  # a plain str is wrapped
    assert isinstance(connection.password, Secret) and connection.password.reveal() == VALUE
    assert VALUE not in f"{connection} {connection.password}"
