"""Keyboard-only helpers for the journeys: reach controls with Tab/Shift+Tab, operate them
with Enter, Space, the arrow keys and typing. The page is only read (which element has focus,
what a field holds), never driven by scripts, clicks or ``locator.focus()``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

IS_FOCUSED = "s => !!document.activeElement && document.activeElement.matches(s)"
FOCUSED_TEXT = "() => (document.activeElement && document.activeElement.textContent || '').trim()"
# what the focused control is, for the form filler
FOCUSED_CONTROL = """([formSelector, submitSelector]) => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const form = e.form || e.closest('form');
  return {
    isSubmit: e.matches(submitSelector),
    tag: e.tagName.toLowerCase(), type: (e.type || '').toLowerCase(), name: e.name || '',
    id: e.id || '', value: e.value === undefined ? '' : String(e.value), checked: !!e.checked,
    groupChecked: e.type === 'radio' && !!form &&
      [...form.querySelectorAll('input[type=radio]')].some(r => r.name === e.name && r.checked),
    inForm: !!form && form.matches(formSelector),
  };
}"""


def focused(page: Any, selector: str) -> bool:
    """Whether the element with keyboard focus matches the CSS selector."""
    return bool(page.evaluate(IS_FOCUSED, selector))


def tab_to(page: Any, selector: str, limit: int = 400, back: bool = False) -> None:
    """Press Tab (Shift+Tab when back) until the focused element matches the selector."""
    key = "Shift+Tab" if back else "Tab"
    for _ in range(limit):
        if focused(page, selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached {selector} on {page.url}")


def tab_to_text(page: Any, selector: str, text: str, limit: int = 400) -> None:
    """Press Tab until a control matching the selector whose text contains ``text`` has focus."""
    for _ in range(limit):
        if focused(page, selector) and text in page.evaluate(FOCUSED_TEXT):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector} with text {text!r} on {page.url}")


def tab_to_label(page: Any, selector: str, label: str, limit: int = 400) -> None:
    """Tab to the control matching the selector whose label reads ``label``."""
    for _ in range(limit):
        if page.evaluate(
            "([s, l]) => { const e = document.activeElement;"
            " return !!e && e.matches(s) && !!e.labels && e.labels.length > 0"
            " && e.labels[0].textContent.trim() === l; }",
            [selector, label],
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector} labelled {label!r}")


def follow(page: Any, selector: str, text: str | None = None) -> None:
    """Reach a link or submit button by Tab and press Enter; wait for the next page."""
    if text is None:
        tab_to(page, selector)
    else:
        tab_to_text(page, selector, text)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()


def type_into(page: Any, selector: str, text: str) -> None:
    """Tab to a text field and type."""
    tab_to(page, selector)
    page.keyboard.type(text)


def toggle(page: Any, selector: str) -> None:
    """Tab to a checkbox (or a details summary) and press Space."""
    tab_to(page, selector)
    page.keyboard.press("Space")


def open_details(page: Any, selector: str) -> None:
    """Tab to a details element's summary and open it with Enter."""
    tab_to(page, f"{selector} > summary")
    page.keyboard.press("Enter")
    assert page.evaluate("s => document.querySelector(s).open", selector), selector


def choose_radio(page: Any, name: str, value: str, scope: str = "") -> None:
    """Tab into a radio group, then arrow down until the wanted option is checked."""
    tab_to(page, f"{scope} input[type=radio][name={name}]".strip())
    for _ in range(12):
        if page.evaluate(
            "([n, v]) => document.activeElement.name === n && document.activeElement.value === v"
            " && document.activeElement.checked",
            [name, value],
        ):
            return
        if page.evaluate("v => document.activeElement.value === v", value):
            page.keyboard.press("Space")  # focused but not checked yet: nothing was chosen
        else:
            page.keyboard.press("ArrowDown")
    raise AssertionError(f"could not choose {name}={value} by keyboard")


def choose_option(page: Any, selector: str, value: str) -> None:
    """Tab to a closed select and change it with the arrow keys until it holds the value."""
    tab_to(page, selector)
    for key in ("ArrowDown", "ArrowUp"):
        for _ in range(20):
            if page.eval_on_selector(selector, "e => e.value") == value:
                return
            page.keyboard.press(key)
    raise AssertionError(f"could not choose {selector}={value} by keyboard")


def download(page: Any, selector: str) -> Path:
    """Tab to a download link, press Enter, return the downloaded file's path."""
    tab_to(page, selector)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    return Path(info.value.path())


def choose_file(page: Any, selector: str, path: Path) -> None:
    """Tab to a file input and open the (operating system's) file chooser with Space."""
    tab_to(page, selector)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(path))


def fill_form(
    page: Any,
    form: str,
    submit: str,
    text_for: Callable[[str], str | None],
    limit: int = 2000,
) -> int:
    """Walk a form with Tab from wherever focus is and answer every control on the way, until
    ``submit`` has focus; returns the number of controls answered.

    Text fields get ``text_for(name)`` (None leaves them alone), an unanswered select or radio
    group gets its first real option by arrow keys, the first box of a checkbox group is ticked
    with Space. Disclosure summaries and links are passed over.
    """
    answered = 0
    ticked: set[str] = set()
    for _ in range(limit):
        control = page.evaluate(FOCUSED_CONTROL, [form, submit])
        if control and control["isSubmit"]:
            return answered
        if control and control["inForm"]:
            kind, name = control["tag"], control["name"]
            if kind == "textarea" or (kind == "input" and control["type"] in ("text", "")):
                text = text_for(name)
                if text is not None and not control["value"]:
                    page.keyboard.type(text)
                    answered += 1
            elif kind == "select" and control["value"] == "":
                page.keyboard.press("ArrowDown")
                answered += 1
            elif control["type"] == "radio":
                if not control["groupChecked"]:
                    page.keyboard.press("Space")
                    answered += 1
                elif control["value"] == "":  # "not answered" is checked: take the next option
                    page.keyboard.press("ArrowDown")
                    answered += 1
            elif control["type"] == "checkbox" and name not in ticked:
                ticked.add(name)
                if not control["checked"]:
                    page.keyboard.press("Space")
                answered += 1
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {submit} in {form} on {page.url}")
