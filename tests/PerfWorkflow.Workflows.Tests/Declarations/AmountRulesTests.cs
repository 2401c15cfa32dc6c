using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

public class AmountRulesTests : ValidatorTestBase
{
    [Fact]
    public void AmountInvalid_Fires_ForAMissingAmount() =>
        Assert.Equal("totalAmountYuan", Single(RuleIds.AmountInvalid, Valid().With(f => f.TotalAmountYuan = null)).Field);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void AmountInvalid_Fires_ForANonPositiveCurrentYearAmount(int amount) =>
        Assert.Equal("currentYearAmountYuan", Single(RuleIds.AmountInvalid, Valid().With(f => f.CurrentYearAmountYuan = amount)).Field);

    [Fact]
    public void AmountInvalid_Fires_WhenTheCurrentYearExceedsTheTotal()
    {
        var finding = Single(RuleIds.AmountInvalid, Valid().With(f => f.TotalAmountYuan = 150_000m));

        Assert.Contains("本年度项目金额", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AmountInvalid_DoesNotFire_WhenTheCurrentYearEqualsTheTotal() =>
        None(RuleIds.AmountInvalid, Valid().With(f => { f.PeriodYears = 1; f.TotalAmountYuan = 200_000m; }));

    [Fact]
    public void AmountBasisMismatch_Fires_WhenPurposeItemsDoNotAddUp()
    {
        var finding = Single(RuleIds.AmountBasisMismatch, Valid().With(f => f.CalculationBasis = "用途1：维护费12万元；用途2：耗材费9万元。"));

        Assert.Equal((Severity.Error, "calculationBasis"), (finding.Severity, finding.Field));
        Assert.Contains("21万元", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AmountBasisMismatch_DoesNotFire_WithinTheHalfPercentTolerance() =>
        None(RuleIds.AmountBasisMismatch, Valid().With(f => f.CalculationBasis = "用途1：维护费12.05万元；用途2：耗材费8万元。"));

    [Fact]
    public void AmountBasisMismatch_Fires_JustBeyondTheTolerance() =>
        Single(RuleIds.AmountBasisMismatch, Valid().With(f => f.CalculationBasis = "用途1：维护费12.2万元；用途2：耗材费8万元。"));

    [Fact]
    public void AmountBasisMismatch_DoesNotAddAnItemsOwnBreakdownTwice()
    {
        const string basis = "用途1：购置设备13万元：电脑20台8万，打印机10台1万元，书柜10个3万元，文件柜1个1万元，合13万元。用途2：购置耗材7万元：纸张3万元，墨盒4万元。";

        None(RuleIds.AmountBasisMismatch, Valid().With(f => f.CalculationBasis = basis));
    }

    [Fact]
    public void AmountBasisMismatch_Fires_WhenItemsWithBreakdownsDoNotAddUpToTheCurrentYear()
    {
        const string basis = "用途1：购置设备13万元：电脑20台8万，打印机10台5万元，合13万元。用途2：购置耗材7万元：纸张3万元，墨盒4万元，合7万元。";

        Single(RuleIds.AmountBasisMismatch, Valid().With(f => { f.CurrentYearAmountYuan = 70_000m; f.CalculationBasis = basis; }));
    }

    [Fact]
    public void AmountBasisMismatch_ReadsNumberedItems_AndAYearAfterTheMarker()
    {
        const string basis = "1.派驻工作组经费500.00万元.2.实地考察经费30万元。3.2024年度活动经费20万元。";

        None(RuleIds.AmountBasisMismatch, Valid().With(f => { f.TotalAmountYuan = 20_000_000m; f.CurrentYearAmountYuan = 5_500_000m; f.CalculationBasis = basis; }));
        Single(RuleIds.AmountBasisMismatch, Valid().With(f => { f.TotalAmountYuan = 20_000_000m; f.CurrentYearAmountYuan = 5_000_000m; f.CalculationBasis = basis; }));
    }

    [Fact]
    public void AmountBasisMismatch_ReadsAmountsInYuan_AndFormulas() =>
        None(RuleIds.AmountBasisMismatch, Valid().With(f =>
        {
            f.CurrentYearAmountYuan = 38_000m;
            f.CalculationBasis = "用途1：劳务费3000×6=18000元；用途2：资料费2万元。";
        }));

    [Fact]
    public void AmountBasisMismatch_TakesAStatedTotalAsTheTotal()
    {
        None(RuleIds.AmountBasisMismatch, Valid().With(f => f.CalculationBasis = "设备维护、耗材采购等费用，合计20万元。"));
        Single(RuleIds.AmountBasisMismatch, Valid().With(f => f.CalculationBasis = "设备维护、耗材采购等费用，共计25万元。"));
    }

    [Fact]
    public void AmountBasisMismatch_TakesAClosingTotalAfterTheItems_AsTheTotal() =>
        None(RuleIds.AmountBasisMismatch, Valid().With(f => f.CalculationBasis = "用途1：维护费12万元；用途2：耗材费8万元。合计20万元。"));

    [Theory]
    [InlineData("局内办公修缮费用15万元。")]
    [InlineData("根据薪酬标准测算，每年每人约40万元。")]
    [InlineData("用途1：报刊订阅费用。用途2：劳务费。")]
    [InlineData("用途1：维护费12万元；用途2：耗材费。")]
    public void AmountBasisMismatch_NeverFires_ForABasisWithoutItemisedAmounts(string basis) =>
        None(RuleIds.AmountBasisMismatch, Valid().With(f => f.CalculationBasis = basis));

    [Theory]
    [InlineData("用途1：报刊订阅费用。用途2：劳务费。")]
    [InlineData("目标1：推动产业高质量发展。")]
    public void CalcBasisNoAmounts_Fires_WhenTheBasisStatesNoAmount(string basis)
    {
        var finding = Single(RuleIds.CalcBasisNoAmounts, Valid().With(f => f.CalculationBasis = basis));

        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Theory]
    [InlineData("局内办公修缮费用15万元。")]
    [InlineData("按3000元/人标准测算。")]
    public void CalcBasisNoAmounts_DoesNotFire_WhenAnyAmountIsStated(string basis) =>
        None(RuleIds.CalcBasisNoAmounts, Valid().With(f => f.CalculationBasis = basis));

    [Fact]
    public void CalcBasisNoAmounts_IsAnError_ForASpecialFund()
    {
        var finding = Single(RuleIds.CalcBasisNoAmounts, Valid().With(f =>
        {
            f.ProjectType = new ProjectType("03", "专项资金项目");
            f.CalculationBasis = "用途1：产业扶持。用途2：评审费用。";
        }));

        Assert.Equal(Severity.Error, finding.Severity);
    }

    [Fact]
    public void CalcBasisNoAmounts_IsAnError_AboveTheConfiguredAmount()
    {
        var form = Valid().With(f =>
        {
            f.CurrentYearAmountYuan = 2_800_000m;
            f.TotalAmountYuan = 8_400_000m;
            f.CalculationBasis = "用途1：报刊订阅费用。用途2：劳务费。";
        });

        Assert.Equal(Severity.Error, Single(RuleIds.CalcBasisNoAmounts, form).Severity);
        var lenient = new DeclarationValidator(new DeclarationRulesOptions { NoAmountsErrorAboveYuan = 5_000_000m });
        Assert.Equal(Severity.Warning, Assert.Single(lenient.Validate(form.Build()), f => f.Rule == RuleIds.CalcBasisNoAmounts).Severity);
    }

    [Fact]
    public void AmountBasis_TakesOnlyTheResultOfEachProduct_AndTheClosingTotal()
    {
        var form = Valid().With(f =>
        {
            f.CurrentYearAmountYuan = 4_000_000m;
            f.TotalAmountYuan = 12_000_000m;
            f.CalculationBasis = "1.20家×15万元=300万元；2.10家×8万元=80万元；3.4场×5万元=20万元；合计400万元。";
        });

        Assert.DoesNotContain(Validate(form), f => f.Rule is RuleIds.AmountBasisMismatch or RuleIds.AmountBasisAmbiguous);
    }

    [Fact]
    public void AmountBasisAmbiguous_Warns_WhenTheStatedTotalDisagreesWithItsItems_NamingTheReadingTaken()
    {
        var finding = Single(RuleIds.AmountBasisAmbiguous, Valid().With(f =>
            f.CalculationBasis = "用途1：维护费12万元；用途2：耗材费9万元。合计20万元。"));

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("已按写明的合计核对", finding.Message, StringComparison.Ordinal);
        None(RuleIds.AmountBasisMismatch, Valid().With(f => f.CalculationBasis = "用途1：维护费12万元；用途2：耗材费9万元。合计20万元。"));
    }

    [Fact]
    public void AmountBasisAmbiguous_Warns_WhenOnlyAnotherReadingOfTheItemsMatches()
    {
        // Each item's first amount is its total and the rest a breakdown that does not add up: 12万 + 8万 = 20万.
        var finding = Single(RuleIds.AmountBasisAmbiguous, Valid().With(f =>
            f.CalculationBasis = "用途1：维护费12万元，其中人工5万元；用途2：耗材费8万元，其中纸张3万元。"));

        Assert.Contains("每项只取其第一个金额", finding.Message, StringComparison.Ordinal);
        None(RuleIds.AmountBasisMismatch, Valid().With(f => f.CalculationBasis = "用途1：维护费12万元，其中人工5万元；用途2：耗材费8万元，其中纸张3万元。"));
    }

    [Fact]
    public void AmountBasisAmbiguous_DoesNotFire_WhenItemsAndTotalAgree() =>
        None(RuleIds.AmountBasisAmbiguous, Valid().With(f => f.CalculationBasis = "用途1：维护费12万元；用途2：耗材费8万元。合计20万元。"));
}
