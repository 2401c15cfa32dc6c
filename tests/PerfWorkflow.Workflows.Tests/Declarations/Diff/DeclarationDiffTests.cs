using System.Text.Json;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Diff;
using PerfWorkflow.Workflows.Tests.Builders;
using static PerfWorkflow.Workflows.Tests.Builders.DeclarationFormBuilder;
using static PerfWorkflow.Workflows.Tests.Builders.RepairsForm;

namespace PerfWorkflow.Workflows.Tests.Declarations.Diff;

public sealed class DeclarationDiffTests
{
    [Fact]
    public void Compare_IsEmpty_ForIdenticalForms()
    {
        var diff = DeclarationDiff.Compare(Repairs(), Repairs());

        Assert.True(diff.IsEmpty);
        Assert.Equal(15m, diff.KeyFigures.CurrentYearAmountWanYuanAfter);
    }

    [Fact]
    public void Compare_IsEmpty_WhenIndicatorRowsAreOnlyReordered()
    {
        var to = Repairs();
        to.Indicators.Reverse();

        Assert.True(DeclarationDiff.Compare(Repairs(), to).IsEmpty);
    }

    [Fact]
    public void Compare_IsEmpty_WhenAnAmountOnlyGainsDecimalPlaces()
    {
        var from = Repairs();
        from.CurrentYearAmountYuan = 150_000m;

        Assert.True(DeclarationDiff.Compare(from, Repairs()).IsEmpty);
    }

    [Fact]
    public void Compare_ListsEachChangedShortField_InFormOrderWithItsLabel()
    {
        var to = Repairs();
        to.Name = "办公场所修缮项目";
        to.PeriodYears = 3;
        to.ProjectType = new ProjectType("31", "履职类项目");
        to.IsNew = true;
        to.AllocationMethod = "项目法";

        var diff = DeclarationDiff.Compare(Repairs(), to);

        Assert.Equal(
            [
                new FieldChange("name", "项目名称", "小型工程类项目", "办公场所修缮项目"),
                new FieldChange("periodYears", "实施期限", "4年", "3年"),
                new FieldChange("projectType", "项目类型", "15 履职类(运转)项目", "31 履职类项目"),
                new FieldChange("isNew", "是否新增项目", "否", "是"),
                new FieldChange("allocationMethod", "分配方式", "因素法和项目法", "项目法"),
            ],
            diff.Fields);
        Assert.Empty(diff.Texts);
        Assert.Empty(diff.Indicators);
        Assert.False(diff.IsEmpty);
    }

    [Fact]
    public void Compare_GivesAmountsAsDecimals_AndTheKeyFiguresInWanYuan()
    {
        var to = Repairs();
        to.CurrentYearAmountYuan = 182_500.50m;

        var diff = DeclarationDiff.Compare(Repairs(), to);

        var change = Assert.Single(diff.Fields);
        Assert.Equal(("currentYearAmountYuan", "本年度项目金额"), (change.Field, change.Label));
        Assert.Equal((150_000m, 182_500.50m), (change.OldAmountYuan, change.NewAmountYuan));
        Assert.Equal(("150,000.00元", "182,500.50元"), (change.Old, change.New));
        Assert.Equal(15m, diff.KeyFigures.CurrentYearAmountWanYuanBefore);
        Assert.Equal(18.25005m, diff.KeyFigures.CurrentYearAmountWanYuanAfter);
        Assert.Equal(3.25005m, diff.KeyFigures.CurrentYearAmountWanYuanDelta);
    }

    [Fact]
    public void Compare_ReportsAClearedAmountAsNull()
    {
        var to = Repairs();
        to.TotalAmountYuan = null;

        var change = Assert.Single(DeclarationDiff.Compare(Repairs(), to).Fields);

        Assert.Equal(new FieldChange("totalAmountYuan", "项目总金额（中期规划）", "600,000.00元", null, 600_000m, null), change);
    }

    [Fact]
    public void Compare_GivesEachChangedLongTextAsSpans()
    {
        var to = Repairs();
        to.CalculationBasis = "局内办公修缮费用18万元。";
        to.LongTermGoal = "逐步改善办公条件，有效保障全局工作人员正常办公。";

        var diff = DeclarationDiff.Compare(Repairs(), to);

        Assert.Equal(["calculationBasis", "longTermGoal"], diff.Texts.Select(t => t.Field));
        Assert.Equal("长期目标（跨度多年的项目需填）", diff.Texts[1].Label);
        Assert.Equal(
            [
                new TextSpan(TextSpanKind.Equal, "逐步改善办公条件，有效保障"),
                new TextSpan(TextSpanKind.Inserted, "全局"),
                new TextSpan(TextSpanKind.Equal, "工作人员正常办公。"),
            ],
            diff.Texts[1].Spans);
        Assert.Empty(diff.Fields);
    }

    [Fact]
    public void Compare_ListsAChangedRow_WithItsChangedCells()
    {
        var to = Repairs();
        to.Find("修缮达标率").Value = "≥95%";
        to.Find("修缮达标率").Explanation = "该指标主要考察修缮工程验收达标率";

        var row = Assert.Single(DeclarationDiff.Compare(Repairs(), to).Indicators);

        Assert.Equal((IndicatorRowChangeKind.Changed, "产出指标", "质量指标", "修缮达标率"), (row.Kind, row.Level1, row.Level2, row.Name));
        Assert.Equal((1, 1), (row.FromIndex, row.ToIndex));
        Assert.Equal(["value", "explanation"], row.Cells.Select(c => c.Field));
        Assert.Equal(("指标值", "100%", "≥95%"), (row.Cells[0].Label, row.Cells[0].Old, row.Cells[0].New));
        Assert.Null(row.Cells[0].Spans);
        Assert.Equal(
            [
                new TextSpan(TextSpanKind.Equal, "该指标主要考察修缮"),
                new TextSpan(TextSpanKind.Inserted, "工程验收"),
                new TextSpan(TextSpanKind.Equal, "达标率"),
            ],
            row.Cells[1].Spans);
    }

    [Fact]
    public void Compare_ListsAddedAndRemovedRows_WithTheirCells()
    {
        var from = Repairs();
        from.Indicators.Remove(from.Find("办公环境改善"));
        var to = Repairs();
        to.Indicators.Remove(to.Find("响应时间"));

        var rows = DeclarationDiff.Compare(from, to).Indicators;

        Assert.Equal(
            [(IndicatorRowChangeKind.Removed, "时效指标", "响应时间"), (IndicatorRowChangeKind.Added, "社会效益指标", "办公环境改善")],
            rows.Select(r => (r.Kind, r.Level2, r.Name)));
        Assert.Equal(("＜5天", null), (rows[0].Before?.Value, rows[0].After));
        Assert.Equal((null, "有效改善"), (rows[1].Before, rows[1].After?.Value));
        Assert.All(rows, r => Assert.Empty(r.Cells));
    }

    [Fact]
    public void Compare_MatchesARenamedRowByItsPositionInTheCategory()
    {
        var to = Repairs();
        to.Find("办公环境改善").Name = "办公环境明显改善";
        to.Indicators.Reverse();

        var row = Assert.Single(DeclarationDiff.Compare(Repairs(), to).Indicators);

        Assert.Equal((IndicatorRowChangeKind.Changed, "办公环境明显改善"), (row.Kind, row.Name));
        Assert.Equal(new CellChange("name", "三级指标", "办公环境改善", "办公环境明显改善"), Assert.Single(row.Cells));
    }

    [Fact]
    public void Compare_TreatsARowMovedToAnotherCategory_AsRemovedThenAdded()
    {
        var to = Repairs();
        to.Find("办公环境改善").Level2 = "可持续影响指标";

        var rows = DeclarationDiff.Compare(Repairs(), to).Indicators;

        Assert.Equal(
            [(IndicatorRowChangeKind.Removed, "社会效益指标"), (IndicatorRowChangeKind.Added, "可持续影响指标")],
            rows.Select(r => (r.Kind, r.Level2)));
    }

    [Fact]
    public void Compare_ReportsARowThatBecomesNotApplicableRow()
    {
        var to = Repairs();
        var row = to.Find("办公环境改善");
        (row.Name, row.Value, row.Explanation, row.NotApplicable) = ("不适用", "不适用", "不适用", true);

        var change = Assert.Single(DeclarationDiff.Compare(Repairs(), to).Indicators);

        Assert.Equal(["name", "value", "explanation", "notApplicable"], change.Cells.Select(c => c.Field));
        Assert.Equal(("否", "是"), (change.Cells[3].Old, change.Cells[3].New));
    }

    [Fact]
    public void Compare_MatchesCategoriesWrittenWithTheMandatoryStar()
    {
        var to = Repairs();
        foreach (var row in to.Indicators)
        {
            row.Level2 = "*" + row.Level2;
        }

        Assert.True(DeclarationDiff.Compare(Repairs(), to).IsEmpty);
    }

    [Fact]
    public void Diff_SerialisesInCamelCase_AndReadsBack()
    {
        var to = Repairs();
        to.CurrentYearAmountYuan = 180_000m;
        to.AnnualGoal = "对我局多间办公室进行修缮。";
        to.Find("成本控制率").Value = "≤98%";
        var diff = DeclarationDiff.Compare(Repairs(), to);

        var json = JsonSerializer.Serialize(diff, DeclarationJson.Options);
        var back = JsonSerializer.Deserialize<DeclarationDiff>(json, DeclarationJson.Options)!;

        Assert.Contains("\"label\":\"本年度项目金额\"", json, StringComparison.Ordinal);
        Assert.Contains("\"newAmountYuan\":180000", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"deleted\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"changed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"isEmpty\":false", json, StringComparison.Ordinal);
        Assert.Contains("\"currentYearAmountWanYuanAfter\":18", json, StringComparison.Ordinal);
        Assert.Equal(diff.Fields, back.Fields);
        Assert.Equal(diff.Texts[0].Spans, back.Texts[0].Spans);
        Assert.Equal(diff.Indicators[0].Cells, back.Indicators[0].Cells);
        Assert.Equal(diff.KeyFigures, back.KeyFigures);
    }
}
