"""One test per class of registry mistake: message, hint and file:line:column."""

from __future__ import annotations

from registry_text import PATH, VALID, line_of, load, problems


def only(found):
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_valid_registry_loads():
    registry = load(VALID)
    assert registry.topics["vae"].label == "VAE"
    assert registry.page_of("vae") == "guide/vae"
    assert registry.is_planned("latent-diffusion")


def test_yaml_syntax_error_is_located():
    text = VALID.replace("    title: 指南\n", "    title: [指南\n")
    problem = only(problems(text))
    assert problem.location.path == PATH
    assert problem.location.line >= line_of(text, "title: [指南")
    assert "YAML syntax error" in problem.message


def test_duplicate_key_is_reported_not_lost():
    text = VALID.replace("    short: VAE\n", "    short: VAE\n    short: V\n")
    problem = only(problems(text))
    assert problem.location.line == line_of(text, "short: V", 2)
    assert problem.location.column == 5
    assert f"already set at line {line_of(text, 'short: VAE')}" in problem.message


def test_unknown_field_suggests_the_right_name():
    text = VALID.replace("    short: VAE\n", "    shortt: VAE\n")
    problem = only(problems(text))
    assert "unknown field 'shortt' in topics[0] (id 'vae')" in problem.message
    assert "did you mean 'short'" in problem.hint
    assert (problem.location.line, problem.location.column) == (line_of(text, "shortt"), 5)


def test_missing_field_points_at_the_entry():
    text = VALID.replace("    summary: 一个主题。\n", "")
    problem = only(problems(text))
    assert "lacks the required field 'summary'" in problem.message
    assert problem.location.line == line_of(text, "- id: vae")


def test_wrong_type_names_the_value():
    text = VALID[: VALID.index("    steps:")] + "    steps: 3\n    related_x: 1\n"
    found = problems(text)
    messages = " | ".join(p.message for p in found)
    assert "paths[0] (id 'generation').steps: input should be a valid list (got 3)" in messages
    assert "unknown field 'related_x'" in messages  # reported in the same run
    steps = next(p for p in found if ".steps" in p.message)
    assert steps.location.line == line_of(text, "steps: 3")
    assert steps.location.column == len("    steps: ") + 1


def test_bad_id_format_has_a_hint():
    text = VALID.replace("  - id: latent-diffusion", "  - id: Latent_Diffusion")
    problem = next(p for p in problems(text) if "Latent_Diffusion" in p.message)
    assert "lower-case letters" in problem.hint


def test_unknown_topic_reference_suggests_a_near_id():
    text = VALID.replace("{source: vae, target: latent-diffusion", "{source: vea, target: latent-diffusion")
    problem = only(problems(text))
    assert problem.message == "unknown topic 'vea'"
    assert "did you mean 'vae'" in problem.hint
    assert problem.location.line == line_of(text, "source: vea")


def test_unknown_category_and_section():
    text = VALID.replace("    category: basics\n    page", "    category: basic\n    page").replace(
        "    section: guide\n", "    section: gide\n"
    )
    found = {p.message: p for p in problems(text)}
    assert "did you mean 'basics'" in found["unknown category 'basic'"].hint
    assert "did you mean 'guide'" in found["unknown section 'gide'"].hint


def test_unknown_relation_type():
    text = VALID.replace("type: basis}", "type: base}")
    problem = only(problems(text))
    assert problem.message == "unknown relation type 'base'" and "did you mean 'basis'" in problem.hint


def test_duplicate_ids():
    text = VALID.replace("  - id: latent-diffusion", "  - id: vae")
    found = [p for p in problems(text) if "duplicate id" in p.message]
    assert len(found) == 1
    assert f"first used at line {line_of(text, '- id: vae')}" in found[0].message
    assert found[0].location.line == line_of(text, "- id: vae", 2)


def test_prerequisite_cycle_is_reported_with_its_members():
    text = VALID.replace(
        "  - {source: vae, target: latent-diffusion, type: basis}\n",
        "  - {source: vae, target: latent-diffusion, type: basis}\n"
        "  - {source: latent-diffusion, target: vae, type: basis}\n",
    )
    problem = only(problems(text))
    assert "cycle" in problem.message
    assert "vae → latent-diffusion → vae" in problem.message
    assert problem.location.line == line_of(text, "{source: latent-diffusion, target: vae")


def test_missing_page_suggests_the_existing_one():
    text = VALID.replace("page: guide/vae", "page: guide/vea")
    problem = only(problems(text))
    assert problem.message == "page 'guide/vea' of topic 'vae' does not exist"
    assert "did you mean 'guide/vae'" in problem.hint
    assert problem.location.line == line_of(text, "page: guide/vea")


def test_planned_page_that_exists_is_a_warning():
    text = VALID.replace("    page: guide/vae\n", "    page: guide/vae\n    planned: true\n")
    registry = load(text)
    (warning,) = registry.warnings
    assert warning.severity == "warning"
    assert "remove 'planned: true'" in warning.hint
    assert registry.is_planned("vae")  # still rendered as planned until the author decides


def test_planned_page_that_does_not_exist_is_fine():
    text = VALID.replace("page: guide/vae", "page: guide/later").replace(
        "    page: guide/later\n", "    page: guide/later\n    planned: true\n"
    )
    registry = load(text)
    assert registry.warnings == () and registry.is_planned("vae")


def test_every_problem_is_reported_together():
    text = (
        VALID.replace("    short: VAE\n", "    short: VAE\n    short: V\n")
        .replace("type: basis}", "type: base}")
        .replace("page: guide/vae", "page: guide/nope")
    )
    found = problems(text)
    assert len(found) == 3
    assert [p.location.line for p in found] == sorted(p.location.line for p in found)


def test_problem_text_reads_file_line_column():
    text = VALID.replace("type: basis}", "type: base}")
    problem = only(problems(text))
    line = line_of(text, "type: base}")
    assert str(problem).startswith(f"registry.yaml:{line}:")
    assert "error: unknown relation type 'base' (hint: did you mean 'basis'?)" in str(problem)


def test_empty_and_non_mapping_files():
    assert "empty" in only(problems("")).message
    assert "must be a mapping" in only(problems("- a\n- b\n")).message


def test_long_prerequisite_chains_and_their_cycles():
    # 3,000 topics in one chain: deeper than Python's recursion limit.
    n = 3000
    topics = "".join(
        f"  - {{id: t{i}, title: 主题{i}, title_en: T{i}, category: basics, summary: 第{i}个。}}\n" for i in range(n)
    )
    relations = "".join(f"  - {{source: t{i}, target: t{i + 1}, type: basis}}\n" for i in range(n - 1))
    text = VALID.replace("topics:\n", "topics:\n" + topics, 1).replace("relations:\n", "relations:\n" + relations, 1)
    assert load(text).topics["t2999"].title == "主题2999"
    looped = text.replace("relations:\n", "relations:\n  - {source: t2999, target: t0, type: basis}\n", 1)
    problem = only(problems(looped))
    assert problem.message == (
        "the prerequisite relation has a cycle: t2999 → t0 → t1 → t2 → … (2993 more) … → t2996 → t2997 → t2998 → t2999"
    )
    # Located at the relation that closes the cycle in the search order.
    assert problem.location.line == line_of(looped, "{source: t2998, target: t2999")


COMPARISON = """\
comparisons:
  - id: models
    title: 对比
    subject: 模型
    columns: [{key: speed, title: 速度}, {key: quality, title: 质量}]
    rows:
      - topic: vae
        cells: {speed: 快, qualty: 中}
        notes: {sped: 出处}
"""


def test_comparison_cells_must_match_the_columns():
    text = VALID + COMPARISON
    found = {p.message: p for p in problems(text)}
    assert set(found) == {
        "unknown column 'qualty' in cells of 'models'",
        "row 'vae' of 'models' lacks column 'quality'",
        "unknown column 'sped' in notes of 'models'",
    }
    assert "did you mean 'quality'" in found["unknown column 'qualty' in cells of 'models'"].hint
    assert found["unknown column 'sped' in notes of 'models'"].location.line == line_of(text, "sped: 出处")


def test_planned_needs_a_page():
    text = VALID.replace("    summary: 另一个主题。\n", "    summary: 另一个主题。\n    planned: true\n")
    problem = only(problems(text))
    assert problem.message == "topic 'latent-diffusion' is marked planned but names no page"
    assert problem.location.line == line_of(text, "planned: true")


def test_page_outside_its_category_folder():
    text = VALID.replace("page: guide/vae", "page: elsewhere/vae")
    problem = only(problems(text, pages={"guide/index", "elsewhere/vae"}))
    assert problem.message == (
        "page 'elsewhere/vae' of topic 'vae' lies outside the folder of category 'basics' (guide/)"
    )
    assert problem.location.line == line_of(text, "page: elsewhere/vae")
