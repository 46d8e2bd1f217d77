"""zoom_api.call_while: a Zoom call on a thread of its own while local work
runs, its answer or error back on the caller's thread, nothing left running."""
import threading
import time

import pytest

from zoom_scheduling.zoom_api import ZoomUnavailable, call_while


def test_the_work_runs_while_the_call_waits_and_the_answer_comes_back():
    started, release = threading.Event(), threading.Event()
    seen = []

    def call():
        started.set()
        # Answered only once the work ran: a call made before or after the
        # work, not during it, would answer False.
        return {"released": release.wait(5)}

    def meanwhile():
        # The call is under way and not answered: the work does not wait for it.
        assert started.wait(5)
        seen.append(threading.current_thread())
        release.set()
    assert call_while(call, meanwhile) == {"released": True}
    assert seen == [threading.current_thread()]  # the work ran on the caller's thread


def test_an_answer_within_the_wait_leaves_the_work_for_later():
    # Splitting the work costs some of its own: a quick answer is waited for.
    ran = []
    assert call_while(lambda: "answered", lambda: ran.append(True), after=5) == "answered"
    assert ran == []


def test_the_call_s_error_is_raised_on_the_caller_s_thread_after_the_work():
    done = []

    def call():
        time.sleep(0.3)
        raise ZoomUnavailable("Zoom could not be reached.")
    with pytest.raises(ZoomUnavailable):
        call_while(call, lambda: done.append(True), after=0)
    assert done == [True]


def test_the_work_s_error_wins_but_only_once_the_call_is_over():
    finished = []

    def call():
        time.sleep(0.3)
        finished.append(True)
        return "made at Zoom"

    def meanwhile():
        raise RuntimeError("the database failed")
    with pytest.raises(RuntimeError):
        call_while(call, meanwhile, after=0)
    assert finished == [True]  # nothing left running behind the caller
