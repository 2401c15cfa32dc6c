using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

public class IndicatorValueParserTests
{
    [Theory]
    [InlineData("100%", Comparison.Equal, "100", "%", UnitClass.Percent)]
    [InlineData("≤100%", Comparison.LessOrEqual, "100", "%", UnitClass.Percent)]
    [InlineData("≥90%", Comparison.GreaterOrEqual, "90", "%", UnitClass.Percent)]
    [InlineData("≥95%", Comparison.GreaterOrEqual, "95", "%", UnitClass.Percent)]
    [InlineData("≥80%", Comparison.GreaterOrEqual, "80", "%", UnitClass.Percent)]
    [InlineData("＜5天", Comparison.Less, "5", "天", UnitClass.Time)]
    [InlineData("不低于300家", Comparison.GreaterOrEqual, "300", "家", UnitClass.Count)]
    [InlineData("≥400家次", Comparison.GreaterOrEqual, "400", "家次", UnitClass.Count)]
    [InlineData("7个", Comparison.Equal, "7", "个", UnitClass.Count)]
    public void Parse_ReadsEveryObservedQuantitativeFrequency(string raw, Comparison op, string number, string unit, UnitClass unitClass)
    {
        var value = IndicatorValueParser.Parse(raw);

        Assert.Equal(IndicatorValueKind.Quantitative, value.Kind);
        Assert.Equal(op, value.Op);
        Assert.Equal(decimal.Parse(number, System.Globalization.CultureInfo.InvariantCulture), value.Number);
        Assert.Equal(unit, value.Unit);
        Assert.Equal(unitClass, value.UnitClass);
    }

    [Theory]
    [InlineData("及时")]
    [InlineData("有效保障")]
    [InlineData("有效促进")]
    [InlineData("按时")]
    [InlineData("达标")]
    [InlineData("合格")]
    [InlineData("完成")]
    [InlineData("明显改善")]
    [InlineData("逐步提升")]
    [InlineData("有效吸引")]
    public void Parse_ReadsQualitativeValues(string raw)
    {
        var value = IndicatorValueParser.Parse(raw);

        Assert.Equal(IndicatorValueKind.Qualitative, value.Kind);
        Assert.Equal(raw, value.Text);
        Assert.Null(value.Number);
    }

    [Fact]
    public void Parse_ReadsGreaterOrEqual_FromFullWidthSymbol()
    {
        var value = IndicatorValueParser.Parse("≧９０％");

        Assert.Equal((Comparison.GreaterOrEqual, 90m, "%"), (value.Op!.Value, value.Number!.Value, value.Unit!));
    }

    [Fact]
    public void Parse_ReadsLessOrEqual_FromFullWidthSymbol()
    {
        var value = IndicatorValueParser.Parse("≦１００％");

        Assert.Equal((Comparison.LessOrEqual, 100m, UnitClass.Percent), (value.Op!.Value, value.Number!.Value, value.UnitClass));
    }

    [Theory]
    [InlineData("不低于5家", Comparison.GreaterOrEqual)]
    [InlineData("不少于5家", Comparison.GreaterOrEqual)]
    [InlineData("大于等于5家", Comparison.GreaterOrEqual)]
    [InlineData(">=5家", Comparison.GreaterOrEqual)]
    [InlineData("不高于5家", Comparison.LessOrEqual)]
    [InlineData("不超过5家", Comparison.LessOrEqual)]
    [InlineData("不多于5家", Comparison.LessOrEqual)]
    [InlineData("<=5家", Comparison.LessOrEqual)]
    [InlineData("高于5家", Comparison.Greater)]
    [InlineData("大于5家", Comparison.Greater)]
    [InlineData("超过5家", Comparison.Greater)]
    [InlineData(">5家", Comparison.Greater)]
    [InlineData("低于5家", Comparison.Less)]
    [InlineData("小于5家", Comparison.Less)]
    [InlineData("少于5家", Comparison.Less)]
    [InlineData("<5家", Comparison.Less)]
    [InlineData("等于5家", Comparison.Equal)]
    [InlineData("=5家", Comparison.Equal)]
    [InlineData("5家以上", Comparison.GreaterOrEqual)]
    [InlineData("5家以内", Comparison.LessOrEqual)]
    [InlineData("5家以下", Comparison.LessOrEqual)]
    [InlineData("≥5家以上", Comparison.GreaterOrEqual)]
    public void Parse_MapsEveryComparatorSpelling(string raw, Comparison expected)
    {
        var value = IndicatorValueParser.Parse(raw);

        Assert.Equal(IndicatorValueKind.Quantitative, value.Kind);
        Assert.Equal(expected, value.Op);
        Assert.Equal(5m, value.Number);
        Assert.Equal("家", value.Unit);
    }

    [Theory]
    [InlineData("5个工作日", "个工作日", UnitClass.Time)]
    [InlineData("≤3小时", "小时", UnitClass.Time)]
    [InlineData("12个月", "个月", UnitClass.Time)]
    [InlineData("≥20人次", "人次", UnitClass.Count)]
    [InlineData("≥3种", "种", UnitClass.Count)]
    [InlineData("≤18万元", "万元", UnitClass.Money)]
    [InlineData("3000元/人", "元/人", UnitClass.Compound)]
    [InlineData("≥2座", "座", UnitClass.Count)]
    public void Parse_ClassifiesUnits(string raw, string unit, UnitClass unitClass)
    {
        var value = IndicatorValueParser.Parse(raw);

        Assert.Equal(IndicatorValueKind.Quantitative, value.Kind);
        Assert.Equal(unit, value.Unit);
        Assert.Equal(unitClass, value.UnitClass);
    }

    [Theory]
    [InlineData("0.5%", "0.5")]
    [InlineData("0次", "0")]
    [InlineData("1,000家", "1000")]
    [InlineData("≥ 90 %", "90")]
    [InlineData("5天内", "5")]
    public void Parse_ReadsNumbersInTheirAllowedShapes(string raw, string number)
    {
        var value = IndicatorValueParser.Parse(raw);

        Assert.Equal(IndicatorValueKind.Quantitative, value.Kind);
        Assert.Equal(decimal.Parse(number, System.Globalization.CultureInfo.InvariantCulture), value.Number);
    }

    [Fact]
    public void Parse_LeavesUnitEmpty_WhenRateLacksPercent()
    {
        var value = IndicatorValueParser.Parse("≤100");

        Assert.Equal((IndicatorValueKind.Quantitative, UnitClass.None), (value.Kind, value.UnitClass));
        Assert.Null(value.Unit);
    }

    [Theory]
    [InlineData("00%")]
    [InlineData("007")]
    [InlineData("≥%")]
    [InlineData("100%%")]
    [InlineData("≥ 次")]
    [InlineData("≥9O%")]
    [InlineData("≥90%abc")]
    [InlineData("5.天")]
    [InlineData("1.2.3%")]
    [InlineData("≥5家以下")]
    [InlineData("abc")]
    [InlineData("9-5天")]
    public void Parse_ReportsMalformedValues_WithAProblem(string raw)
    {
        var value = IndicatorValueParser.Parse(raw);

        Assert.Equal(IndicatorValueKind.Malformed, value.Kind);
        Assert.False(string.IsNullOrWhiteSpace(value.Problem));
    }

    [Theory]
    [InlineData("不适用")]
    [InlineData(" 不适用 ")]
    public void Parse_RecognisesNotApplicable(string raw) =>
        Assert.Equal(IndicatorValueKind.NotApplicable, IndicatorValueParser.Parse(raw).Kind);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_ReturnsEmpty_ForBlankInput(string? raw) =>
        Assert.Equal(IndicatorValueKind.Empty, IndicatorValueParser.Parse(raw).Kind);

    [Theory]
    [InlineData("\0\u0001\uFFFF")]
    [InlineData("\uD800")]
    [InlineData("≥99999999999999999999999999999999999%")]
    [InlineData("≥1,23,4%")]
    public void Parse_NeverThrows_OnHostileInput(string raw)
    {
        var value = IndicatorValueParser.Parse(raw);

        Assert.Equal(IndicatorValueKind.Malformed, value.Kind);
    }

    [Fact]
    public void Row_KeepsItsRawValue_WhileParsingTheNoisyFullWidthForm()
    {
        var row = new IndicatorRow { Value = "≧９５％" };

        Assert.Equal("≧９５％", row.Value);
        Assert.Equal(95m, row.Parsed.Number);
    }
}
