"""Before my appointment, as a person would make it on a phone, and the PDF it gives."""

import shutil
import subprocess

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from between.accounts.models import User
from between.summary.models import Summary
from tests.browser.conftest import ARTIFACTS, shot, sign_in, via_more

pytestmark = pytest.mark.browser


def test_drafted_changed_and_downloaded_as_an_a4_pdf(app, phone, tmp_path):
    sign_in(phone, app.url, "client@demo.between")
    via_more(phone, "Before my appointment")
    phone.get_by_label("What it's for (optional)").fill("CMHT assessment, Friday 10am")
    phone.get_by_label("The last month").check()
    phone.get_by_role("button", name="Draft it for me").click()
    expect(phone.get_by_role("heading", name="CMHT assessment, Friday 10am")).to_be_visible()
    medication = phone.get_by_label("What you take, how it has been going")
    expect(medication).to_contain_text("as prescribed on")
    expect(phone.get_by_text("Drafted from your diary cards,").first).to_be_visible()
    shot(phone, "summary-drafted")

    phone.get_by_label("What you are good at").fill(
        "I have kept going to work most days.\nMy sister says I'm a good listener.")
    phone.get_by_role("region", name="Alcohol, drugs and other substances").get_by_label(
        "Put this section in").uncheck()
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.get_by_text("Saved. Only you can see this.")).to_be_visible()
    summary = Summary.objects.get(client=User.objects.get(email="client@demo.between"))
    assert summary.purpose == "CMHT assessment, Friday 10am"

    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download PDF (A4)").click()
    path = tmp_path / "summary.pdf"
    download.value.save_as(path)
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    assert "My sister says I'm a good listener." in text
    assert "Medication and changes" in text and "as prescribed on" in text
    assert "GAD-7 (out of 21)" in text, "the questionnaire chart"
    assert "Alcohol, drugs" not in text
    if shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(path),
                        str(ARTIFACTS / "summary-pdf")], check=True)

    phone.get_by_role("link", name="Print view").click()
    expect(phone.get_by_text("My sister says I'm a good listener.")).to_be_visible()
    shot(phone, "summary-print")


def test_a_long_paste_is_never_cut_and_over_the_limit_is_named(app, phone):
    sign_in(phone, app.url, "client@demo.between")
    via_more(phone, "Before my appointment")
    phone.get_by_role("button", name="Draft it for me").click()
    box = phone.get_by_label("From this appointment, and from help more widely.")
    text = "I hope they listen. " * 300  # 6,000 characters
    box.fill(text)
    assert box.input_value() == text, "nothing cut on the way in"
    expect(phone.get_by_text("1000 characters over the limit of 5000")).to_be_visible()
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.get_by_text("What I hope for: this is 6000 characters, over the limit of "
                             "5000.")).to_be_visible()
    assert phone.get_by_label("From this appointment, and from help more widely."
                              ).input_value() == text.replace("\n", "")
    summary = Summary.objects.get()
    assert "I hope they listen" not in summary.sections, "nothing partly saved"
    shot(phone, "summary-paste-refused")
