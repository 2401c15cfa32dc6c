using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

public class DeclarationTextTests
{
    [Theory]
    [InlineData("小型工程类项目", 7)]
    [InlineData("  小型工程 ", 4)]
    [InlineData("ＡＢＣ１２３", 6)]
    [InlineData("𠀀字", 2)]
    [InlineData("", 0)]
    [InlineData(null, 0)]
    public void CountZi_CountsCodePointsAfterNormalisationAndTrimming(string? text, int expected) =>
        Assert.Equal(expected, DeclarationText.CountZi(text));

    [Fact]
    public void CountZi_CountsACompatibilityLigatureAsItsNormalisedLetters() =>
        Assert.Equal(2, DeclarationText.CountZi("ﬁ"));

    [Theory]
    [InlineData("１００％", "100%")]
    [InlineData("测算依据：１５万元", "测算依据:15万元")]
    [InlineData("≧", "≧")]
    [InlineData("plain", "plain")]
    public void Normalize_AppliesNfkc(string text, string expected) => Assert.Equal(expected, DeclarationText.Normalize(text));
}
