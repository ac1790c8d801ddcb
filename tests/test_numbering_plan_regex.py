"""Stage 1 of scripts/numbering_plan: the pattern parser and match paths."""

from __future__ import annotations

import itertools
import re

import pytest

from scripts.numbering_plan.regex import (
    ALL_DIGITS,
    Node,
    Parser,
    RegexPath,
    contains_end,
    regex_paths,
)


def mask(digits: str) -> int:
    return sum(1 << int(d) for d in set(digits))


def test_parser_builds_the_documented_tree() -> None:
    parser = Parser(r"1[2-4]\d{2}(?:5|(6))?")
    tree = parser.parse()
    assert tree == (
        "cat",
        [
            ("set", mask("1")),
            ("set", mask("234")),
            ("rep", ("set", ALL_DIGITS), 2, 2),
            (
                "rep",
                (
                    "alt",
                    [
                        ("cat", [("set", mask("5"))]),
                        ("cat", [("group", 1, ("cat", [("set", mask("6"))]))]),
                    ],
                ),
                0,
                1,
            ),
        ],
    )
    assert parser.groups == 1


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("7?", ("cat", [("rep", ("set", mask("7")), 0, 1)])),
        ("8*", ("cat", [("rep", ("set", mask("8")), 0, None)])),
        ("9+", ("cat", [("rep", ("set", mask("9")), 1, None)])),
        ("0{2,}", ("cat", [("rep", ("set", mask("0")), 2, None)])),
        ("0{1,3}", ("cat", [("rep", ("set", mask("0")), 1, 3)])),
        (r"[0-2\d5]", ("cat", [("set", ALL_DIGITS)])),
        ("[13-5]", ("cat", [("set", mask("1345"))])),
        ("1|2$", ("alt", [("cat", [("set", mask("1"))]), ("cat", [("set", mask("2")), ("end",)])])),
    ],
)
def test_parser_quantifiers_classes_and_anchors(pattern: str, expected: Node) -> None:
    assert Parser(pattern).parse() == expected


def test_parser_numbers_capturing_groups_in_order() -> None:
    parser = Parser("(1)(?:(2)|3)(4)")
    tree = parser.parse()
    assert parser.groups == 3
    groups = [item[1] for item in tree[1] if item[0] == "group"]
    assert groups == [1, 3]
    inner = tree[1][1][1][0][1][0]  # (?:(2)|3) -> first branch -> its only item
    assert inner == ("group", 2, ("cat", [("set", mask("2"))]))


@pytest.mark.parametrize("pattern", [r"\w", "a", "(1", "1)", "[1-2]\\s"])
def test_parser_rejects_what_the_dialect_lacks(pattern: str) -> None:
    with pytest.raises(ValueError, match=r"unsupported|unbalanced|unexpected"):
        Parser(pattern).parse()


def test_contains_end_looks_inside_every_node_kind() -> None:
    assert contains_end(Parser("1(?:2|(3$))?").parse())
    assert contains_end(Parser("(?:4$){2}").parse())
    assert not contains_end(Parser(r"1(?:2|(3))?\d{2}").parse())


def _first_path(paths: list[RegexPath], word: str) -> RegexPath | None:
    """The first path that matches a prefix of ``word`` (the whole of it if anchored)."""
    for path in paths:
        elements, _, anchored = path
        if len(word) < len(elements) or (anchored and len(word) != len(elements)):
            continue
        if all(m >> int(ch) & 1 for (m, _), ch in zip(elements, word, strict=False)):
            return path
    return None


@pytest.mark.parametrize(
    "pattern",
    [
        "0(1)?",
        "(?:0|(1))?2?",
        "0?(?:(11)|1)?",
        "(0{1,2})1?$|0",
        "(?:01)?(2)?1",
        "1{0,2}(1)?",
    ],
)
def test_regex_paths_follow_pythons_backtracking_order(pattern: str) -> None:
    """The first path matching a word is the match ``re.match`` finds: same end, same groups."""
    parser = Parser(pattern)
    paths = regex_paths(parser.parse())
    compiled = re.compile(pattern)
    checked = 0
    for n in range(5):
        for word in map("".join, itertools.product("0123", repeat=n)):
            m = compiled.match(word)
            path = _first_path(paths, word)
            if m is None:
                assert path is None, (pattern, word)
                continue
            assert path is not None, (pattern, word)
            elements, groups, _ = path
            assert len(elements) == m.end(), (pattern, word)
            for g in range(1, parser.groups + 1):
                span = "".join(word[i] for i, (_, gs) in enumerate(elements) if g in gs)
                assert m.group(g) == (span if g in groups else None), (pattern, word, g)
            checked += 1
    assert checked > 20


def test_regex_paths_refuses_unbounded_and_huge_patterns() -> None:
    with pytest.raises(ValueError, match="unbounded"):
        regex_paths(Parser("01*").parse())
    with pytest.raises(ValueError, match="too many paths"):
        regex_paths(Parser("1?" * 20).parse(), limit=1000)
