"""The bad-input corpus: every case is a file a user (or a stranger's pull
request) might hand us, with the exact findings and exit code expected.

Each case: name -> (content, command, expected [(rule, line, column)], exit code).
Content is text (written as UTF-8) or bytes (written as is).
"""

from __future__ import annotations

VALID = """\
apiVersion: redesign/v1
kind: Operation
metadata: {name: acme, state: pre}
team:
  roles:
    - {id: clerk, title: Billing clerk}
workflows:
  - id: appeals
    owner: clerk
    volume: 10 appeals per day
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}
      - {id: review, type: review, actor: clerk, after: [draft], inputs: [letters], on_reject: draft}
      - {id: send, type: submit, actor: clerk, after: [review], inputs: [letters], external: true}
"""


def replace(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


HEADER = "apiVersion: redesign/v1\nkind: Operation\nmetadata: {name: acme, state: pre}\n"

BILLION_LAUGHS = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
) + "\n"

CASES: dict[str, tuple[str | bytes, str, list[tuple[str, int, int]], int]] = {
    # -- malformed YAML -------------------------------------------------------
    "unclosed double quote": (replace("title: Billing clerk}", 'title: "Billing clerk}'), "validate", [("RD001", 6, 26)], 1),
    "unclosed single quote": (replace("volume: 10 appeals per day", "volume: '10 appeals per day"), "validate", [("RD001", 10, 13)], 1),
    "unclosed flow sequence": (replace("outputs: [letters]}", "outputs: [letters}"), "validate", [("RD001", 13, 76)], 1),
    "unclosed flow mapping": (replace("trigger: {human: clerk}", "trigger: {human: clerk"), "validate", [("RD001", 12, 10)], 1),
    "bad indentation": (replace("    owner: clerk", "     owner: clerk"), "validate", [("RD001", 9, 11)], 1),
    "tab indentation": (replace("    owner: clerk", "\towner: clerk"), "validate", [("RD001", 9, 1)], 1),
    "mapping value not allowed": (replace("owner: clerk", "owner: clerk: lead"), "validate", [("RD001", 9, 17)], 1),
    "stray closing bracket": (HEADER + "team: ]\n", "validate", [("RD001", 4, 7)], 1),
    "bad escape in double quotes": (replace("title: Billing clerk", 'title: "Billing \\q clerk"'), "validate", [("RD001", 6, 35)], 1),
    "sequence item dedented": (replace("      - {id: review", "     - {id: review"), "validate", [("RD001", 14, 6)], 1),
    "key without value colon": (HEADER + "team\n  roles: []\n", "validate", [("RD001", 5, 8)], 1),
    # -- duplicate keys and tags ---------------------------------------------
    "duplicate top-level key": (VALID + "kind: Operation\n", "validate", [("RD002", 16, 1)], 1),
    "duplicate key in a step": (replace("type: draft-generation,", "type: draft-generation, type: review,"), "validate", [("RD002", 13, 45)], 1),
    "python object tag": (replace("title: Billing clerk", "title: !!python/object/apply:os.system [echo]"), "validate", [("RD003", 6, 26), ("RD011", 6, 26)], 1),
    "python name tag": (replace("metadata: {name: acme, state: pre}", 'metadata: {name: acme, state: pre, description: !!python/name:os.system ""}'), "validate", [("RD003", 3, 49), ("RD013", 3, 49)], 1),
    "custom tag": (replace("owner: clerk", "owner: !Ref clerk"), "validate", [("RD003", 9, 12)], 1),
    "binary tag": (replace("title: Billing clerk", "title: !!binary aGVsbG8="), "validate", [("RD003", 6, 26)], 1),
    "set tag": (replace("outputs: [letters]}", "outputs: !!set {letters: null}}"), "validate", [("RD003", 13, 68), ("RD011", 13, 68), ("RD020", 14, 75), ("RD020", 15, 74)], 1),
    "tagged non-integer": (replace("volume: 10 appeals per day", "volume: !!int ten"), "validate", [("RD011", 10, 13), ("RD013", 10, 13)], 1),
    # -- aliases and limits ----------------------------------------------------
    "billion laughs": (BILLION_LAUGHS, "validate", [("RD006", 7, 45)], 1),
    "undefined alias": (replace("owner: clerk", "owner: *someone"), "validate", [("RD001", 9, 12)], 1),
    "alias used as a key": (HEADER + "x: &k team\n*k : {roles: []}\n", "validate", [("RD010", 4, 1)], 1),
    "merge key of a scalar": (HEADER + "x: &s text\nteam:\n  <<: *s\n", "validate", [("RD010", 4, 1), ("RD011", 4, 4)], 1),
    "deep flow nesting": (HEADER + "team: " + "[" * 300 + "]" * 300 + "\n", "validate", [("RD005", 4, 70)], 1),
    "deep block nesting": (HEADER + "".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "v: 1\n", "validate", [("RD005", 68, 129)], 1),
    "complex mapping key": (HEADER + "? [a, b]\n: c\n", "validate", [("RD011", 4, 3)], 1),
    # -- encodings and characters -----------------------------------------------
    "invalid utf-8": (VALID.replace("Billing clerk", "Billing cl\x00erk").encode().replace(b"\x00", b"\xff"), "validate", [("RD007", 6, 36)], 1),
    "latin-1 text": (VALID.replace("Billing clerk", "Caf\xe9 clerk").encode("latin-1"), "validate", [("RD007", 6, 29)], 1),
    "utf-16 with bom": (VALID.encode("utf-16"), "validate", [("RD007", 1, 1)], 1),
    "utf-32 with bom": (VALID.encode("utf-32"), "validate", [("RD007", 1, 1)], 1),
    "nul character": (replace("Billing clerk", "Billing\x00clerk"), "validate", [("RD007", 6, 33)], 1),
    "bell character": (replace("Billing clerk", "Billing\x07clerk"), "validate", [("RD007", 6, 33)], 1),
    "C1 control character": (replace("Billing clerk", "Billing\x9bclerk"), "validate", [("RD007", 6, 33)], 1),
    "escape sequence for a terminal": (replace("Billing clerk", "Billing\x1b[31mclerk"), "validate", [("RD007", 6, 33)], 1),
    "utf-8 bom is accepted": (b"\xef\xbb\xbf" + VALID.encode(), "validate", [], 0),
    "crlf line ends are accepted": (VALID.replace("\n", "\r\n").encode(), "validate", [], 0),
    "non-ascii text is accepted": (replace("Billing clerk", "Agent de facturation à Zürich ✓"), "validate", [], 0),
    # -- document shape ---------------------------------------------------------
    "empty file": ("", "validate", [("RD008", 1, 1)], 1),
    "whitespace only": ("   \n\n  \n", "validate", [("RD008", 1, 1)], 1),
    "comments only": ("# a spec will go here\n# soon\n", "validate", [("RD008", 1, 1)], 1),
    "two documents": (VALID + "---\n" + VALID, "validate", [("RD008", 16, 1)], 1),
    "document end marker": ("---\n" + VALID + "...\n", "validate", [], 0),
    "top-level list": ("- " + VALID.replace("\n", "\n  ").rstrip() + "\n", "validate", [("RD008", 1, 1)], 1),
    "top-level scalar": ("redesign\n", "validate", [("RD008", 1, 1)], 1),
    "top-level null": ("~\n", "validate", [("RD008", 1, 1)], 1),
    "top-level number": ("42\n", "validate", [("RD008", 1, 1)], 1),
    # -- header --------------------------------------------------------------------
    "wrong apiVersion": (replace("apiVersion: redesign/v1", "apiVersion: redesign/v9"), "validate", [("RD014", 1, 13)], 1),
    "wrong kind": (replace("kind: Operation", "kind: Deployment"), "validate", [("RD014", 2, 7)], 1),
    "missing apiVersion": (VALID.split("\n", 1)[1], "validate", [("RD012", 1, 1)], 1),
    "kubernetes manifest": ("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: []}\n", "validate", [("RD014", 1, 13), ("RD014", 2, 7), ("RD012", 3, 1), ("RD010", 4, 1)], 1),
    # -- wrong types at every level ---------------------------------------------------
    "metadata is a list": (replace("metadata: {name: acme, state: pre}", "metadata: [acme, pre]"), "validate", [("RD011", 3, 11)], 1),
    "roles is a mapping": (replace("  roles:\n    - {id: clerk, title: Billing clerk}", "  roles: {clerk: Billing clerk}"), "validate", [("RD011", 5, 10), ("RD020", 8, 12), ("RD020", 10, 22), ("RD020", 12, 52), ("RD020", 13, 43), ("RD020", 14, 41)], 1),
    "headcount as text": (replace("title: Billing clerk}", "title: Billing clerk, headcount: two}"), "validate", [("RD011", 6, 52)], 1),
    "headcount negative": (replace("title: Billing clerk}", "title: Billing clerk, headcount: -2}"), "validate", [("RD013", 6, 52)], 1),
    "headcount boolean": (replace("title: Billing clerk}", "title: Billing clerk, headcount: true}"), "validate", [("RD011", 6, 52)], 1),
    "headcount infinite": (replace("title: Billing clerk}", "title: Billing clerk, headcount: .inf}"), "validate", [("RD013", 6, 52)], 1),
    "external yes": (replace("external: true", "external: yes"), "validate", [("RD011", 15, 94)], 1),
    "title null": (replace("title: Billing clerk", "title: ~"), "validate", [("RD011", 6, 26)], 1),
    "step type unknown": (replace("type: draft-generation", "type: drafting"), "validate", [("RD013", 13, 27)], 1),
    "actor is a number": (replace("actor: clerk, outputs", "actor: 7, outputs"), "validate", [("RD011", 13, 52)], 1),
    "id with spaces": (replace("id: draft,", "id: Draft Letters,"), "validate", [("RD013", 13, 14), ("RD020", 14, 58), ("RD020", 14, 96)], 1),
    "id too long": (replace("id: clerk,", "id: " + "c" * 81 + ","), "validate", [("RD013", 6, 12), ("RD020", 9, 12), ("RD020", 11, 22), ("RD020", 13, 52), ("RD020", 14, 43), ("RD020", 15, 41)], 1),
    "volume malformed": (replace("volume: 10 appeals per day", "volume: ten appeals daily"), "validate", [("RD013", 10, 13)], 1),
    "volume a bare number": (replace("volume: 10 appeals per day", "volume: 10"), "validate", [("RD013", 10, 13)], 1),
    "trigger with two kinds": (replace("trigger: {human: clerk}", 'trigger: {human: clerk, schedule: "0 5 * * *"}'), "validate", [("RD013", 11, 14)], 1),
    "trigger empty": (replace("trigger: {human: clerk}", "trigger: {}"), "validate", [("RD013", 11, 14)], 1),
    "cron with six fields": (replace("trigger: {human: clerk}", 'trigger: {schedule: "0 0 5 * * 1-5"}'), "validate", [("RD013", 11, 25)], 1),
    "impossible date": (replace("metadata: {name: acme, state: pre}", "metadata: {name: acme, state: pre, effective: 2026-02-30}"), "validate", [("RD013", 3, 47)], 1),
    "date as a number": (replace("metadata: {name: acme, state: pre}", "metadata: {name: acme, state: pre, effective: 20260101}"), "validate", [("RD011", 3, 47)], 1),
    "clock time out of range": (replace("title: Billing clerk}", 'title: Billing clerk, day_starts: "25:00"}'), "validate", [("RD013", 6, 53)], 1),
    "state misspelt": (replace("state: pre", "state: before"), "validate", [("RD013", 3, 31)], 1),
    "misspelled key in a step": (replace("outputs: [letters]}", "outputs: [letters], minuts_per_item: 3}"), "validate", [("RD010", 13, 79)], 1),
    "unknown top-level key": (VALID + "notes: hello\n", "validate", [("RD010", 16, 1)], 1),
    # -- references ---------------------------------------------------------------------
    "dangling owner": (replace("owner: clerk", "owner: clark"), "validate", [("RD020", 9, 12)], 1),
    "dangling after": (replace("after: [draft]", "after: [drafting]"), "validate", [("RD020", 14, 58)], 1),
    "duplicate step ids": (replace("{id: send,", "{id: review,"), "validate", [("RD021", 15, 14)], 1),
    # -- graph problems found by check ---------------------------------------------------------
    "workflow cycle": (replace("      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}", "      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters], after: [send]}"), "check", [("RD206", 13, 52), ("RD101", 13, 79)], 1),
    "trigger cycle": (replace("trigger: {human: clerk}", "trigger: {workflow: appeals}"), "check", [("RD105", 11, 25), ("RD206", 13, 52)], 1),
}
