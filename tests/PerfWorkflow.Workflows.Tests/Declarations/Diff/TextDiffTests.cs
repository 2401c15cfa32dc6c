using PerfWorkflow.Workflows.Declarations.Diff;

namespace PerfWorkflow.Workflows.Tests.Declarations.Diff;

public sealed class TextDiffTests
{
    private static string Render(IEnumerable<TextSpan> spans) => string.Concat(spans.Select(s => s.Kind switch
    {
        TextSpanKind.Inserted => $"[+{s.Text}]",
        TextSpanKind.Deleted => $"[-{s.Text}]",
        _ => s.Text,
    }));

    [Fact]
    public void Spans_MarkInsertedChineseTextCharacterByCharacter()
    {
        var spans = TextDiff.Spans("支持企业技术改造。", "支持中小企业技术改造和数字化转型。");

        Assert.Equal(
            [
                new TextSpan(TextSpanKind.Equal, "支持"),
                new TextSpan(TextSpanKind.Inserted, "中小"),
                new TextSpan(TextSpanKind.Equal, "企业技术改造"),
                new TextSpan(TextSpanKind.Inserted, "和数字化转型"),
                new TextSpan(TextSpanKind.Equal, "。"),
            ],
            spans);
    }

    [Fact]
    public void Spans_MarkDeletedChineseText()
    {
        var spans = TextDiff.Spans("按时完成年度目标任务", "完成年度目标");

        Assert.Equal(
            [
                new TextSpan(TextSpanKind.Deleted, "按时"),
                new TextSpan(TextSpanKind.Equal, "完成年度目标"),
                new TextSpan(TextSpanKind.Deleted, "任务"),
            ],
            spans);
    }

    [Fact]
    public void Spans_ShowAChangedAmountAsDeletedThenInserted()
    {
        Assert.Equal("局内办公修缮费用[-15][+18]万元。", Render(TextDiff.Spans("局内办公修缮费用15万元。", "局内办公修缮费用18万元。")));
    }

    [Fact]
    public void Spans_FoldAShortCommonCharacterIntoARewrittenPhrase()
    {
        // Without the clean-up the common 的 would split the rewrite into [-提升][+改善]的[-服务][+环境].
        Assert.Equal("[-提升的服务][+改善的环境]，保障运转", Render(TextDiff.Spans("提升的服务，保障运转", "改善的环境，保障运转")));
    }

    [Fact]
    public void Spans_KeepACommonRunLongerThanTheChangesAround()
    {
        Assert.Equal("[-一][+二]期办公室修缮[-三][+四]", Render(TextDiff.Spans("一期办公室修缮三", "二期办公室修缮四")));
    }

    [Fact]
    public void Spans_KeepACommonPhraseAsLongAsTheChangesAround()
    {
        Assert.Equal(
            "根据[+区]编[-制][+办最新]批复，我局[+2025年]预计新增编制",
            Render(TextDiff.Spans("根据编制批复，我局预计新增编制", "根据区编办最新批复，我局2025年预计新增编制")));
    }

    [Fact]
    public void Spans_NeverSplitACharacterOutsideTheBasicPlane()
    {
        // U+20000 and U+20001 share their high surrogate; a UTF-16 diff would call half a character "equal".
        Assert.Equal("甲[-\U00020000][+\U00020001]乙", Render(TextDiff.Spans("甲\U00020000乙", "甲\U00020001乙")));
    }

    [Fact]
    public void Spans_TreatWindowsLineEndingsAsUnchanged()
    {
        var spans = TextDiff.Spans("第一行\r\n第二行", "第一行\n第二行");

        Assert.All(spans, s => Assert.Equal(TextSpanKind.Equal, s.Kind));
    }

    [Fact]
    public void Spans_OfAnEmptiedText_DeleteItAll()
    {
        Assert.Equal([new TextSpan(TextSpanKind.Deleted, "有效保障")], TextDiff.Spans("有效保障", ""));
    }
}
