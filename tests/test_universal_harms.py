"""Harms no organisation's guidelines allow, found by their shape (seventeenth session): choosing staff by sex or
age, asking for reviews while hiding that the reviewers work here, a whole people branded as criminals, patients'
or children's faces visible in a photo, a whole list of contact details copied out, sensitive data passed to
insurers or advertisers, and being told to keep a problem quiet. Found by a probe of posts written for no
particular guidelines (the README, "Seventeenth session"); each risky reading below is in new words and sits
beside a harmless one that shares its words."""

from __future__ import annotations

import pytest

from tests.conftest import findings_saying


def _escalated(engine, post: str, opening: str) -> bool:
    return any(f.severity == "escalate" for f in findings_saying(engine, post, opening))


@pytest.mark.parametrize("post", [
    "We're recruiting a receptionist. Preferably a girl, customers like a friendly face.",
    "Two openings on the warehouse floor, no applicants over 50 please.",
    "Hiring sales reps, men only, it's a tough crowd out there.",
])
def test_choosing_staff_by_sex_or_age_is_escalated(bundled_engine, post):
    assert _escalated(bundled_engine, post, "Chooses people by sex, age or family plans")


@pytest.mark.parametrize("post", [
    "We're hiring! Our young team needs a designer, ideally someone who loves type.",
    "Job opening for an analyst, ideally a recent graduate with some SQL.",
    "Our internship scheme is open to anyone, whatever their age or background.",
])
def test_a_job_post_about_skills_or_the_team_is_not(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Chooses people by sex, age or family plans")


@pytest.mark.parametrize("post", [
    "Could everyone rate our app on the store tonight? Don't say you work here, just sound like a happy user.",
    "Drop us some glowing reviews on Trustpilot, and never mention that you're staff!",
])
def test_asking_for_reviews_while_hiding_who_writes_them_is_escalated(bundled_engine, post):
    assert _escalated(bundled_engine, post, "Asks for reviews while hiding")


@pytest.mark.parametrize("post", [
    "If you enjoyed the talk, leave a review on the conference site!",
    "On your hobby blog there's no need to mention you work here.",
])
def test_a_review_request_or_a_hidden_employer_alone_is_not(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Asks for reviews while hiding")


@pytest.mark.parametrize("post", [
    "Honestly, folks from that region are all thieves, we should stop shipping there.",
    "Refugees are basically criminals, no wonder the town has changed.",
])
def test_branding_a_whole_people_as_criminals_is_escalated(bundled_engine, post):
    assert _escalated(bundled_engine, post, "Demeans people for who they are")


def test_talking_about_a_region_is_not(bundled_engine):
    assert not findings_saying(bundled_engine, "Customers from that region are all on the new plan now.",
                               "Demeans people for who they are")


@pytest.mark.parametrize("post", [
    "Quick video of the ward round, you can see the patients' faces but it's all good vibes.",
    "Snaps from the school visit, the pupils' names are visible on their desks!",
])
def test_patients_or_childrens_faces_or_names_in_a_picture_are_escalated(bundled_engine, post):
    assert _escalated(bundled_engine, post, "Shows a child, a patient or a study participant")


def test_a_picture_of_an_empty_ward_is_not(bundled_engine):
    assert not findings_saying(bundled_engine, "Photo of the refurbished ward before the patients arrive, it looks great.",
                               "Shows a child, a patient or a study participant")


@pytest.mark.parametrize("post", [
    "I downloaded every donor's e-mail address from the CRM, ping me if marketing wants the file.",
    "Dumped all 12k customer phone numbers into a sheet for the partner agency.",
    "From next month the app passes users' health data to insurance partners for discounts.",
    "We're allowed to sell browsing history to advertisers now, the new terms say so.",
])
def test_a_list_of_peoples_details_copied_out_or_passed_on_is_escalated(bundled_engine, post):
    assert _escalated(bundled_engine, post, "Passes on, sells or copies out people's data")


@pytest.mark.parametrize("post", [
    "We never share your location data with advertisers or insurers.",
    "Export all the charts from the dashboard before the review meeting.",
])
def test_a_promise_not_to_share_or_an_export_of_charts_is_not(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Passes on, sells or copies out people's data")


def test_being_told_to_keep_a_problem_quiet_is_flagged_as_not_public(bundled_engine):
    post = "The pilot plant failed its safety test again, and the client asked us to keep it quiet."
    assert findings_saying(bundled_engine, post, "This looks like unannounced or internal information")


def test_a_library_asking_for_quiet_is_not(bundled_engine):
    assert not findings_saying(bundled_engine, "Please keep quiet in the library during exam week.",
                               "This looks like unannounced or internal information")
