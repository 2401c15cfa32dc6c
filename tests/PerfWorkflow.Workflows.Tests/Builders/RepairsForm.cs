using PerfWorkflow.Workflows.Declarations;

using static PerfWorkflow.Workflows.Tests.Builders.DeclarationFormBuilder;

namespace PerfWorkflow.Workflows.Tests.Builders;

/// <summary>
/// A complete form shaped like the first sample (办公修缮), built fresh each time so tests may change it; the diff tests
/// name its rows. Rows come from <see cref="DeclarationFormBuilder"/>, the one place that makes them.
/// </summary>
internal static class RepairsForm
{
    public static DeclarationForm Repairs() => new()
    {
        Code = "440304231071501005005",
        Name = "小型工程类项目",
        ApplicantUnit = "深圳市福田区工业和信息化局（本级）",
        BudgetUnit = "深圳市福田区工业和信息化局（本级）",
        PeriodYears = 4,
        ProjectType = new ProjectType("15", "履职类(运转)项目"),
        IsNew = false,
        AllocationMethod = "因素法和项目法",
        TotalAmountYuan = 600_000.00m,
        CurrentYearAmountYuan = 150_000.00m,
        PolicyBasis = "根据编制批复，我局预计新增编制，计划统筹整合办公室，逐步改善办公条件。",
        CalculationBasis = "局内办公修缮费用15万元。",
        AnnualGoal = "对我局多间办公室进行修缮，提高房屋使用率。",
        LongTermGoal = "逐步改善办公条件，有效保障工作人员正常办公。",
        Indicators =
        [
            Row("产出指标", "数量指标", "全年开展修缮工作次数", "≥2次", "该指标主要考察全年开展修缮工作次数"),
            Row("产出指标", "质量指标", "修缮达标率", "100%", "该指标主要考察修缮达标率"),
            Row("产出指标", "时效指标", "响应时间", "＜5天", "该指标主要考察发生问题到修缮完成的响应时间。"),
            Row("产出指标", "成本指标", "成本控制率", "≤100%", "该指标主要考察是否有效控制预算成本。"),
            NotApplicableRow("效益指标", "经济效益指标"),
            Row("效益指标", "社会效益指标", "保障机关工作正常运转", "有效保障", "该指标主要考察是否有效保障机关工作正常运转。"),
            Row("效益指标", "社会效益指标", "办公环境改善", "有效改善", "该指标主要考察办公环境是否改善。"),
            NotApplicableRow("效益指标", "生态效益指标"),
            NotApplicableRow("效益指标", "可持续影响指标"),
            Row("满意度指标", "服务对象满意度指标", "局办公人员使用满意度", "≥90%", "该指标主要考察局办公人员使用满意度。"),
            NotApplicableRow("满意度指标", "其他满意度指标"),
        ],
    };

    /// <summary>The form's one indicator row named <paramref name="name"/>.</summary>
    public static IndicatorRow Find(this DeclarationForm form, string name) => form.Indicators.Single(r => r.Name == name);
}
