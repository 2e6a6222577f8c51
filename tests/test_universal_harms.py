"""Harms no organisation's guidelines allow, found by their shape (seventeenth session): choosing staff by sex or
age, asking for reviews while hiding that the reviewers work here, a whole people branded as criminals, patients'
or children's faces visible in a photo, a whole list of contact details copied out, sensitive data passed to
insurers or advertisers, and being told to keep a problem quiet. Found by a probe of posts written for no
particular guidelines (the README, "Seventeenth session"); each risky reading below is in new words and sits
beside a harmless one that shares its words."""

from __future__ import annotations

import pytest

from tests.conftest import escalated_saying, findings_saying


@pytest.mark.parametrize("post", [
    "We're recruiting a receptionist. Preferably a girl, customers like a friendly face.",
    "Two openings on the warehouse floor, no applicants over 50 please.",
    "Hiring sales reps, men only, it's a tough crowd out there.",
])
def test_choosing_staff_by_sex_or_age_isescalated_saying(bundled_engine, post):
    assert escalated_saying(bundled_engine, post, "Chooses people by sex, age or family plans")


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
def test_asking_for_reviews_while_hiding_who_writes_them_isescalated_saying(bundled_engine, post):
    assert escalated_saying(bundled_engine, post, "Asks for reviews while hiding")


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
def test_branding_a_whole_people_as_criminals_isescalated_saying(bundled_engine, post):
    assert escalated_saying(bundled_engine, post, "Demeans people for who they are")


def test_talking_about_a_region_is_not(bundled_engine):
    assert not findings_saying(bundled_engine, "Customers from that region are all on the new plan now.",
                               "Demeans people for who they are")


@pytest.mark.parametrize("post", [
    "Quick video of the ward round, you can see the patients' faces but it's all good vibes.",
    "Snaps from the school visit, the pupils' names are visible on their desks!",
])
def test_patients_or_childrens_faces_or_names_in_a_picture_areescalated_saying(bundled_engine, post):
    assert escalated_saying(bundled_engine, post, "Shows a child, a patient or a study participant")


def test_a_picture_of_an_empty_ward_is_not(bundled_engine):
    assert not findings_saying(bundled_engine, "Photo of the refurbished ward before the patients arrive, it looks great.",
                               "Shows a child, a patient or a study participant")


@pytest.mark.parametrize("post", [
    "I downloaded every donor's e-mail address from the CRM, ping me if marketing wants the file.",
    "Dumped all 12k customer phone numbers into a sheet for the partner agency.",
    "From next month the app passes users' health data to insurance partners for discounts.",
    "We're allowed to sell browsing history to advertisers now, the new terms say so.",
])
def test_a_list_of_peoples_details_copied_out_or_passed_on_isescalated_saying(bundled_engine, post):
    assert escalated_saying(bundled_engine, post, "Passes on, sells or copies out people's data")


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


# A second probe (tests/data/probes/universal-harms-s28b.txt): twelve escalations judged ok on the bundled guidelines.
@pytest.mark.parametrize(("post", "opening"), [
    ("Shout-out to Tom Baker, aged 9, from St Mary's Junior for building a robot at our workshop!",
     "Identifies a child by name and age or school"),
    ("Honestly we faked the readings from sensor 3 so the audit would pass.", "Describes results or records made up"),
    ("Forwarding the CUI annex from the programme review, interesting stuff.", "Carries a government protective marking"),
    ("This tea gets rid of migraines for good, no more need for prescriptions!", "Claims a product cures or replaces treatment"),
    ("@sam_k if the rash comes back just stop your medication for a week.", "Tells someone to change their medication"),
    ("There was a chemical spill in lab 2 and the supervisor told us not to report it.", "Describes a hazard or wrongdoing"),
    ("Happy to post about your new headphones if you send me a pair, no need to say they were free.",
     "Offers a review or promotion in exchange for a gift"),
    ("Someone keeps propping the fire doors open, so I'll just disable the smoke detectors on our floor too.",
     "Tells people to defeat a safety measure"),
    ("Complaint of the week from Mr. Dale Hughes: wants a refund for a product he broke himself.",
     "Names a customer in a complaint or ticket"),
    ("Copied the patient database to my personal Dropbox so I can finish the report at home.",
     "Carries people's records out"),
    ("The new intern has legs for days, that's why she got the role.", "Demeans people for who they are"),
])
def test_universal_harms_of_the_second_probe_areescalated_saying(bundled_engine, post, opening):
    assert escalated_saying(bundled_engine, post, opening)


@pytest.mark.parametrize(("post", "opening"), [
    ("Proud of my daughter Ella, aged 9, from St Mary's Junior, who built a robot!", "Identifies a child by name and age or school"),
    ("We published the raw readings from every sensor so anyone can check the audit.", "Describes results or records made up"),
    ("Our herbal tea is lovely on a cold evening, no health claims, just tasty.", "Claims a product cures or replaces treatment"),
    ("Talk to your doctor before you change your dose of anything.", "Tells someone to change their medication"),
    ("We reported the spill to the safety team straight away and it's cleaned up.", "Describes a hazard or wrongdoing"),
    ("Reminder: the fire alarm test is at 10am, no need to leave the building.", "Tells people to defeat a safety measure"),
    ("We had a lovely thank-you card from a customer today, made the whole team smile.", "Names a customer in a complaint"),
])
def test_their_harmless_neighbours_are_not(bundled_engine, post, opening):
    assert not findings_saying(bundled_engine, post, opening)


def test_a_civil_servant_urging_a_vote_ties_it_to_the_employer(bundled_engine):
    post = "As a public servant in the department, I urge everyone to vote yes in the referendum."
    assert findings_saying(bundled_engine, post, "Ties a political view to the company")


@pytest.mark.parametrize("post", ["The tap water here causes memory loss, repost it before they take it down!",
                                  "Screenshot this before they delete it: the water supply is being poisoned."])
def test_spread_it_before_it_is_deleted_isescalated_saying(bundled_engine, post):
    assert escalated_saying(bundled_engine, post, "Urges people to spread a claim before it is taken down")


def test_saving_a_file_before_a_deadline_is_not(bundled_engine):
    assert not findings_saying(bundled_engine, "Save your work before the laptops are reimaged on Friday.",
                               "Urges people to spread a claim before it is taken down")


# What the second probe still left at caution on other organisations' guidelines (the learned scorer's escalation is a
# caution away from home), each now a shape of its own; new words.
@pytest.mark.parametrize(("post", "opening"), [
    ("If the night manager blames me again I'm gonna punch him in the car park.", "Threatens violence or damage"),
    ("Heads up: switching off two-factor authentication for the entire company tonight, too many lockouts.",
     "Switches off a security control"),
    ("Our token is going to 20x next week, grab some before the listing!", "Tells people to buy a coin or token"),
    ("Sold the answer key for the final certification test to a few folks, easy money.", "Shares the answers to an exam"),
    ("Grab the cracked copy of AutoCAD from my drive, no licence needed.", "Offers or points to pirated software"),
])
def test_shapes_the_scorer_had_left_at_caution_away_from_home_escalate(bundled_engine, post, opening):
    assert escalated_saying(bundled_engine, post, opening)


@pytest.mark.parametrize(("post", "opening"), [
    ("I'm going to smash my marathon record this spring!", "Threatens violence or damage"),
    ("Reminder: turn on two-factor authentication for your accounts this week.", "Switches off a security control"),
    ("Reading a good primer on how crypto tokens work.", "Tells people to buy a coin or token"),
    ("Sharing the practice questions for the certification exam, good luck everyone!", "Shares the answers to an exam"),
    ("Our licence for AutoCAD renews next month, ping IT if you need a seat.", "Offers or points to pirated software"),
])
def test_their_harmless_neighbours_stay_quiet(bundled_engine, post, opening):
    assert not findings_saying(bundled_engine, post, opening)


def test_a_customer_named_with_their_account_and_a_secret_pregnancy_escalate(bundled_engine):
    assert escalated_saying(bundled_engine, "Client Maria Lopez, account in arrears again, flagging her so everyone knows.",
                            "Names a customer in a complaint or ticket")
    assert escalated_saying(bundled_engine, "Congrats to Ana from the design team who's expecting twins! She hasn't told anyone yet.",
                            "Shares health details about Ana")
    assert not findings_saying(bundled_engine, "Customer feedback from Anna Smith was lovely today.",
                               "Names a customer in a complaint or ticket")
