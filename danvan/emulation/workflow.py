"""The yearly cycle of a model or exemplar, declared once: each step's starting states, who may take it
(emulation/access.py) and why it is refused otherwise. The services check it before they write; the
initiative's page offers exactly these steps, the cycle's steps each at its own address (emulation:step_<name>).

đăng ký → đã duyệt | trả lại bổ sung (sửa đăng ký gửi lại → đăng ký) → đang triển khai (ra mắt) → đã sơ kết →
đã đánh giá (hiệu quả / chưa hiệu quả / dừng thực hiện; dừng được cả trước sơ kết) → được biểu dương / được khen
thưởng. Correcting a registration is the "change" action of the access registry (the registering unit while it is
registered or returned, the committee at any stage); a returned one goes back to "đăng ký" when corrected.
"""

from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Step, Workflow

from .models import Result, State

# Evaluated models stay open to more evaluation sheets, awards and praise.
RECOGNIZABLE = (State.EVALUATED, State.PRAISED, State.AWARDED)
# A model may be stopped before its mid-year review; the other results are judged after it.
JUDGED_AFTER_REVIEW = (State.REVIEWED,)


def _effective(i) -> bool:
    return i.result == Result.EFFECTIVE


def conclusion_sources(result: str) -> tuple[str, ...]:
    """The states a conclusion with `result` may start from."""
    return WORKFLOW.step("conclude").sources if result == Result.STOPPED else JUDGED_AFTER_REVIEW


WORKFLOW = Workflow(
    "state",
    [
        Step("approve", "duyet", (State.REGISTERED,), "manage", _("Chỉ duyệt được mô hình đang chờ duyệt.")),
        Step("return", "tra-lai", (State.REGISTERED,), "manage", _("Chỉ trả lại được mô hình đang chờ duyệt.")),
        Step("launch", "ra-mat", (State.APPROVED,), ("register", "manage"), _("Chỉ ra mắt được mô hình đã duyệt.")),
        Step(
            "review",
            "so-ket",
            (State.IMPLEMENTING,),
            ("register", "manage"),
            _("Chỉ sơ kết được mô hình đang triển khai."),
        ),
        Step(
            "conclude",
            "danh-gia",
            (State.IMPLEMENTING, State.REVIEWED),
            "manage",
            _("Chỉ đánh giá được mô hình đã sơ kết (hoặc dừng mô hình đang triển khai)."),
        ),
        # An evaluator's sheet (emulation:evaluation_create) and an award (emulation:award_create) are records of
        # their own, entered on their own pages.
        Step(
            "evaluate",
            "phieu-danh-gia",
            (State.IMPLEMENTING, State.REVIEWED, State.EVALUATED),
            "evaluate",
            _("Chỉ đánh giá được mô hình đang triển khai, đã sơ kết hoặc đã đánh giá."),
        ),
        Step(
            "award",
            "khen-thuong",
            RECOGNIZABLE,
            "manage",
            _("Chỉ khen thưởng, biểu dương mô hình đã được đánh giá hiệu quả."),
            _effective,
        ),
        # Registering it again next year (a new initiative that `continues` this one; emulation:create).
        Step(
            "continue",
            "tiep-tuc",
            RECOGNIZABLE,
            "register",
            _("Chỉ đăng ký tiếp tục mô hình đã được đánh giá."),
            lambda i: i.result != Result.STOPPED,
        ),
    ],
    state_label=lambda i: i.get_state_display(),
)
