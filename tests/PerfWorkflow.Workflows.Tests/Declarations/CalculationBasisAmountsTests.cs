using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

public class CalculationBasisAmountsTests
{
    [Fact]
    public void Read_AddsPurposeItems_IgnoringCountsAndColonsInsideThem()
    {
        var basis = CalculationBasisAmounts.Read("用途1：政策经费：1150万元；\n用途2：2名人才配套支持：32万元；\n用途3：创业支持18万元：《若干措施》。");

        Assert.Equal([11_500_000m, 320_000m, 180_000m], basis.ItemAmounts);
        Assert.Equal(12_000_000m, basis.ItemisedTotal);
        Assert.Null(basis.StatedTotal);
    }

    [Fact]
    public void Read_TakesEachItemsOwnSubtotal_NotItsBreakdownAsWell()
    {
        var basis = CalculationBasisAmounts.Read(
            "用途1：购置机关13万元：办公台20张8万，办公椅10张1万元，书柜10个3万元，文件柜1个0.3万元，录音笔7个0.7万元，合13万元。" +
            "用途2：购置中心7万元:办公台8张3.2万，办公椅8张0.8万元，书柜8个2.4万元，文件柜2个0.6万元，合7万元。");

        Assert.Equal(200_000m, basis.ItemisedTotal);
    }

    [Fact]
    public void Read_TakesTheFirstAmount_WhenTheRestOfTheItemBreaksItDown() =>
        Assert.Equal(130_000m, CalculationBasisAmounts.Read("用途1：设备13万元，其中电脑8万元，打印机5万元。").ItemisedTotal);

    [Fact]
    public void Read_SplitsNumberedItems_EvenWhenAnItemStartsWithAYear()
    {
        var basis = CalculationBasisAmounts.Read("1.工作组经费500.00万元.2.考察经费30万元。3.2024年度活动经费20万元。");

        Assert.Equal([5_000_000m, 300_000m, 200_000m], basis.ItemAmounts);
    }

    [Fact]
    public void Read_DoesNotTakeADecimalAfterACommaForAListMarker() =>
        Assert.False(CalculationBasisAmounts.Read("资料费1.5万元，2.5万元用于印刷。").IsItemised);

    [Fact]
    public void Read_KeepsOnlyTheResultOfAFormula()
    {
        var basis = CalculationBasisAmounts.Read("用途1：劳务费3000元×6=18000元；用途2：资料费2万元。");

        Assert.Equal(38_000m, basis.ItemisedTotal);
        Assert.Contains(basis.Amounts, a => a.Yuan == 3000m && a.IsRateOrFactor);
    }

    [Fact]
    public void Read_SeparatesAClosingGrandTotal_FromTheLastItem()
    {
        var basis = CalculationBasisAmounts.Read("用途1：维护费12万元；用途2：耗材费8万元。合计20万元。");

        Assert.Equal(200_000m, basis.StatedTotal);
        Assert.Equal([120_000m, 80_000m], basis.ItemAmounts);
    }

    [Theory]
    [InlineData("局内办公修缮费用15万元。", 150_000)]
    [InlineData("主要用于采购台式电脑20台12万元，打印机10台2万元。", 140_000)]
    [InlineData("根据薪酬标准测算，每年每人约40万元。", 400_000)]
    [InlineData("共计1,200元。", 1_200)]
    public void EstimatedTotal_ReconcilesUnitemisedText_ForImport(string text, int yuan)
    {
        var basis = CalculationBasisAmounts.Read(text);

        Assert.False(basis.IsItemised);
        Assert.Equal(yuan, basis.EstimatedTotal);
    }

    [Theory]
    [InlineData("用途1：报刊订阅费用。用途2：劳务费。")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("3万人次参与活动。")]
    public void Read_FindsNoAmount_WhereNoMoneyIsStated(string? text)
    {
        var basis = CalculationBasisAmounts.Read(text);

        Assert.False(basis.HasAmounts);
        Assert.Null(basis.EstimatedTotal);
    }
}
