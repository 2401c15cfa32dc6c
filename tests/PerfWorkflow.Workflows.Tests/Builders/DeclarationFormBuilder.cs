using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Builders;

/// <summary>Builds a declaration that passes every rule; tests change one thing and look for the one finding.</summary>
public sealed class DeclarationFormBuilder
{
    private readonly DeclarationForm _form = new()
    {
        Code = "440304231071500000001",
        Name = "办公设备运行维护",
        ApplicantUnit = "深圳市福田区工业和信息化局（本级）",
        BudgetUnit = "深圳市福田区工业和信息化局（本级）",
        PeriodYears = 3,
        ProjectType = new ProjectType("31", "履职类项目"),
        IsNew = false,
        AllocationMethod = "项目法",
        TotalAmountYuan = 600_000m,
        CurrentYearAmountYuan = 200_000m,
        PolicyBasis = "根据《深圳市福田区机关事务管理办法》的有关规定，保障本单位办公设备正常运行。",
        CalculationBasis = "用途1：办公设备维护费12万元；用途2：办公耗材购置费8万元。",
        AnnualGoal = "完成全年办公设备的维护保养和耗材采购，确保日常办公不中断。",
        LongTermGoal = "逐步更新老旧设备，形成稳定的设备运维机制，提升机关运转保障水平。",
        Indicators =
        [
            Row("产出指标", "数量指标", "设备维护次数", "≥12次", "该指标主要考察全年设备维护次数。"),
            Row("产出指标", "质量指标", "设备维护验收合格率", "100%", "该指标主要考察维护验收合格情况。"),
            Row("产出指标", "时效指标", "故障响应时间", "≤2个工作日", "该指标主要考察故障响应是否及时。"),
            Row("产出指标", "成本指标", "单台设备年均维护成本", "≤2000元/台", "该指标主要考察单台设备的维护成本。"),
            NotApplicableRow("效益指标", "经济效益指标"),
            Row("效益指标", "社会效益指标", "保障机关工作正常运转", "有效保障", "该指标主要考察是否保障机关正常运转。"),
            NotApplicableRow("效益指标", "生态效益指标"),
            NotApplicableRow("效益指标", "可持续影响指标"),
            Row("满意度指标", "服务对象满意度指标", "使用部门满意度", "≥90%", "该指标主要考察使用部门的满意程度。"),
            NotApplicableRow("满意度指标", "其他满意度指标"),
        ],
    };

    public static IndicatorRow Row(string level1, string level2, string name, string value, string explanation) =>
        new() { Level1 = level1, Level2 = level2, Name = name, Value = value, Explanation = explanation };

    public static IndicatorRow NotApplicableRow(string level1, string level2) => IndicatorSkeleton.NotApplicableRow(level1, level2);

    public DeclarationFormBuilder With(Action<DeclarationForm> change)
    {
        change(_form);
        return this;
    }

    /// <summary>Replaces the first row of a category with the given name and value.</summary>
    public DeclarationFormBuilder WithIndicator(string level2, string name, string value, string explanation = "该指标主要考察目标完成情况。")
    {
        var index = IndexOf(level2);
        _form.Indicators[index] = Row(_form.Indicators[index].Level1, level2, name, value, explanation);
        return this;
    }

    /// <summary>Replaces the first row of a category with a row whose cells are given one by one.</summary>
    public DeclarationFormBuilder WithRow(string level2, Action<IndicatorRow> change)
    {
        change(_form.Indicators[IndexOf(level2)]);
        return this;
    }

    /// <summary>Adds a row after the last row of a category.</summary>
    public DeclarationFormBuilder AddIndicator(string level2, string name, string value, string explanation = "该指标主要考察目标完成情况。")
    {
        var index = _form.Indicators.FindLastIndex(r => r.Level2 == level2);
        _form.Indicators.Insert(index + 1, Row(_form.Indicators[index].Level1, level2, name, value, explanation));
        return this;
    }

    /// <summary>Replaces every row of a category with a single 不适用 row.</summary>
    public DeclarationFormBuilder WithCategoryNotApplicable(string level2)
    {
        var index = IndexOf(level2);
        var level1 = _form.Indicators[index].Level1;
        _form.Indicators.RemoveAll(r => r.Level2 == level2);
        _form.Indicators.Insert(index, NotApplicableRow(level1, level2));
        return this;
    }

    public DeclarationForm Build() => _form;

    public static int IndexOf(DeclarationForm form, string level2) => form.Indicators.FindIndex(r => r.Level2 == level2);

    private int IndexOf(string level2)
    {
        var index = IndexOf(_form, level2);
        return index >= 0 ? index : throw new ArgumentException($"No row of category {level2}.", nameof(level2));
    }
}
