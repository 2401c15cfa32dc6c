using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Declarations.Diff;

namespace PerfWorkflow.Notifications.Tests.Rendering;

public sealed class MailFormatTests
{
    [Theory]
    [InlineData("150000", "15.00万元")]
    [InlineData("183456.78", "18.3457万元")]
    [InlineData("12345678", "1,234.5678万元")]
    [InlineData("100", "0.01万元")]
    [InlineData("0", "0.00万元")]
    public void WanYuan_ShowsTwoToFourDecimals(string yuan, string expected)
    {
        Assert.Equal(expected, MailFormat.WanYuan(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void WanYuan_SaysUnfilled_WhenTheAmountIsMissing()
    {
        Assert.Equal("（未填写）", MailFormat.WanYuan(null));
    }

    [Fact]
    public void AmountChange_SaysTheOldAmountAndTheDecrease()
    {
        Assert.Equal("原18.00万元，减少2.50万元", MailFormat.AmountChange(new KeyFigures(18m, 15.5m)));
        Assert.Equal("", MailFormat.AmountChange(new KeyFigures(15m, 15.00m)));
        Assert.Equal("", MailFormat.AmountChange(new KeyFigures(null, 15m)));
    }

    [Fact]
    public void ChinaTime_ShowsTheInstantInBeijingTime_WithTheWeekday()
    {
        Assert.Equal("2026年10月12日（星期一）18:00", MailFormat.ChinaTime(new DateTimeOffset(2026, 10, 12, 10, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(3, "剩余3个工作日")]
    [InlineData(0, "今天到期")]
    [InlineData(-1, "已逾期1个工作日")]
    public void WorkingDays_ReadsAsLeftDueOrOverdue(int workingDaysLeft, string expected)
    {
        Assert.Equal(expected, MailFormat.WorkingDays(workingDaysLeft));
    }

    [Fact]
    public void Stage_IsTheSharedChineseLabel()
    {
        Assert.Equal("办公室审核", MailFormat.Stage("OfficeReview"));
        Assert.Equal("已报送区财政", MailFormat.Stage("SubmittedToFinance"));
        Assert.Throws<ArgumentException>(() => MailFormat.Stage("Nowhere"));
    }

    [Fact]
    public void Compact_ShortensLongUnchangedRuns_ButNeverTheChange()
    {
        var head = new string('甲', 100);
        var tail = new string('乙', 100);
        var spans = TextDiff.Spans(head + "原定说法" + tail, head + "调整表述" + tail);

        var compact = MailFormat.Compact(spans);

        Assert.Equal("……" + new string('甲', 40), compact[0].Text);
        Assert.Contains(compact, s => s.Kind == TextSpanKind.Deleted && s.Text.Contains("原定说法", StringComparison.Ordinal));
        Assert.Contains(compact, s => s.Kind == TextSpanKind.Inserted && s.Text.Contains("调整表述", StringComparison.Ordinal));
        Assert.Equal(new string('乙', 40) + "……", compact[^1].Text);
    }

    [Fact]
    public void Compact_KeepsShortUnchangedRuns_Whole()
    {
        var spans = TextDiff.Spans("局内办公修缮费用15万元。", "局内办公修缮费用18万元。");

        Assert.Equal(spans, MailFormat.Compact(spans));
    }

    [Fact]
    public void Compact_LeavesATextWithoutChanges_AsItIs()
    {
        var spans = new[] { new TextSpan(TextSpanKind.Equal, new string('甲', 200)) };

        Assert.Equal(spans, MailFormat.Compact(spans));
    }

    [Fact]
    public void PortalUrl_MustBeAnAbsoluteWebUrl()
    {
        Assert.Throws<ArgumentException>(() => MailSamples.MinimalTaskModel() with { PortalUrl = "javascript:alert(1)" });
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/act/token")]
    [InlineData("ftp://example.org/file")]
    public void MailLink_RejectsAddressesThatAreNotAbsoluteWebUrls(string url)
    {
        Assert.Throws<ArgumentException>(() => new MailLink("查看", url));
    }
}
