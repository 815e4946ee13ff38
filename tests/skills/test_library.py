from between.skills import library

REQUIRED_FLOWS = {"stop", "tipp", "accepts", "self_soothe", "improve", "pros_and_cons",
                  "check_the_facts", "opposite_action", "please", "build_mastery", "abc",
                  "wise_mind", "observe", "radical_acceptance", "grounding", "dear_man",
                  "give", "fast"}
REQUIRED_SITUATIONS = {"urge_to_harm", "emotion_too_big", "numb_empty", "spacing_out",
                       "conflict", "overwhelmed_tasks", "cant_sleep", "shame_spiral", "repair"}


def test_library_has_at_least_40_complete_skills_in_every_module():
    skills = library.skills()
    assert len(skills) >= 40
    assert {s.module for s in skills.values()} == set(library.modules())
    for s in skills.values():
        assert s.purpose and s.when and s.practice, s.slug
        assert len(s.steps) >= 2 and len(s.sticking) >= 1, s.slug


def test_every_situation_and_flow_the_issue_asks_for_exists_and_refers_to_real_skills():
    assert set(library.situations()) >= REQUIRED_SITUATIONS
    assert set(library.flows()) >= REQUIRED_FLOWS
    for situation in library.situations().values():
        assert situation.skills and all(s in library.skills() for s in situation.skills)
    for week in library.curriculum():
        assert all(s in library.skills() for s in week["skills"])
    assert [w["number"] for w in library.curriculum()] == list(range(1, 25))


def test_crisis_survival_comes_first_for_an_urge_to_harm():
    assert library.situations()["urge_to_harm"].skills[:2] == ("tipp", "stop")


def test_check_the_facts_opens_by_validating_the_feeling():
    first = library.flows()["check_the_facts"].steps[0]
    assert "makes sense" in first.text and "isn't about proving you wrong" in first.text
    assert not first.field


def test_diary_pick_list_and_skills_coach_share_one_list():
    from between.diary.forms import CardForm

    form = CardForm(items={"urge": [], "emotion": [], "behaviour": []})
    assert [c for c, _ in form.fields["skills"].choices] == list(library.skills())
