using PerfWorkflow.Api.Pages.Declarations;
using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Api.Tests.Pages;

public sealed class DeclarationInputTests
{
    [Theory]
    [InlineData("15", 150000)]
    [InlineData("0.0001", 1)]
    [InlineData("1,234.5678", 12345678)]
    [InlineData("１２.５", 125000)]
    [InlineData(" 30 万元 ", 300000)]
    public void FromWanText_Gives元_Exactly(string typed, long yuan) =>
        Assert.Equal((decimal)yuan, Amounts.FromWanText(typed));

    [Theory]
    [InlineData("")]
    [InlineData("十万")]
    [InlineData("1e5")]
    [InlineData("99999999999999999999999999")]
    public void FromWanText_GivesNothing_ForWhatIsNotAnAmount(string typed) =>
        Assert.Null(Amounts.FromWanText(typed));

    [Theory]
    [InlineData(150000, "15")]
    [InlineData(123456, "12.3456")]
    [InlineData(1.5, "0.00015")]
    public void ToWanText_LosesNoDigit(decimal yuan, string wan) =>
        Assert.Equal(wan, Amounts.ToWanText(yuan));

    [Fact]
    public void FromFormThenToForm_GivesTheSameForm_WithNotApplicableCategoriesKept()
    {
        var form = new DeclarationForm
        {
            Code = "440304241070100000001",
            Name = "测试项目",
            PeriodYears = 3,
            ProjectType = new ProjectType("01", "其他项目"),
            IsNew = false,
            AllocationMethod = "项目法",
            TotalAmountYuan = 1234567.89m,
            CurrentYearAmountYuan = 150000m,
            Indicators =
            [
                new IndicatorRow { Level1 = "产出指标", Level2 = "数量指标", Name = "企业数", Value = "≥10家", Explanation = "考察数量" },
                IndicatorSkeleton.NotApplicableRow("效益指标", "经济效益指标"),
                new IndicatorRow { Level1 = "产出指标", Level2 = "数量指标", Name = "场次", Value = "≥2场", Explanation = "考察场次" },
            ],
        };

        var (back, rowOf) = DeclarationInput.FromForm(form).ToForm(new DeclarationRulesOptions(), form);

        Assert.Equal(form.TotalAmountYuan, back.TotalAmountYuan);
        Assert.Equal(form.ProjectType, back.ProjectType);
        Assert.Equal(["企业数", "场次", "不适用"], back.Indicators.Select(r => r.Name));
        Assert.True(back.Indicators[2].NotApplicable);
        Assert.Equal([0, 1, -1], rowOf);
    }

    [Fact]
    public void AddRow_PutsTheRowAtTheEndOfItsCategory_AndClearsNotApplicable()
    {
        var input = new DeclarationInput { NotApplicable = ["经济效益指标"] };
        input.AddRow("服务对象满意度指标");
        input.AddRow("经济效益指标");
        input.AddRow("数量指标");

        Assert.Equal(["数量指标", "经济效益指标", "服务对象满意度指标"], input.Rows.Select(r => r.Level2));
        Assert.Empty(input.NotApplicable);
    }
}
