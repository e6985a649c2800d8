"""Text made comparable one way for every stage (``onrecord.normalise``)."""

from onrecord.normalise import caseless, fold, name_key, plain_spaces


def test_two_copies_of_a_text_compare_equal_through_odd_spaces_and_soft_hyphens():
    """A wire copy pasted from a web page carries no-break spaces and a soft hyphen."""
    assert caseless("Café\u00a0 Noir  Zelen\u00adsky ") == caseless("café noir zelensky")
    assert caseless("Café") != caseless("Cafe")  # accents count when texts are compared


def test_names_compare_without_their_accents():
    assert fold("Łukasz Kamiński’s") == "lukasz kaminski's"
    assert name_key("the Kremlin’s") == "the kremlin"


def test_the_parser_reads_odd_spaces_as_plain_ones_at_the_same_offsets():
    text = "Vor said\u00a0the talks\u2009had\u200bfailed."
    plain = plain_spaces(text)
    assert plain == "Vor said the talks had failed."
    assert len(plain) == len(text)
