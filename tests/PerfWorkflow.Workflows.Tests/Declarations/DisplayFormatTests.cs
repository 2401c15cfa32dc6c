using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

public sealed class DisplayFormatTests
{
    [Theory]
    [InlineData("150000", "15.00")]
    [InlineData("123456.78", "12.3457")]
    [InlineData("12345678", "1,234.5678")]
    [InlineData("8765432", "876.5432")]
    [InlineData("0", "0.00")]
    public void WanYuan_ShowsYuanAs万元_WithTwoToFourDecimals(string yuan, string expected) =>
        Assert.Equal(expected, DisplayFormat.WanYuan(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void WanYuan_OfNothing_IsADash() => Assert.Equal("—", DisplayFormat.WanYuan((decimal?)null));

    [Fact]
    public void Wan_CarriesItsSign_WhenAsked()
    {
        Assert.Equal("+3.00", DisplayFormat.Wan(3m, signed: true));
        Assert.Equal("-3.00", DisplayFormat.Wan(-3m, signed: true));
        Assert.Equal("3.00", DisplayFormat.Wan(3m));
    }

    [Fact]
    public void Time_IsBeijingTime_WhateverTheInstantsOffset()
    {
        var utc = new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero);

        Assert.Equal("2026-12-01 00:30", DisplayFormat.Time(utc));
        Assert.Equal("2026-12-01 00:30", DisplayFormat.Time(utc.ToOffset(TimeSpan.FromHours(-5))));
        Assert.Equal("2026-12-01", DisplayFormat.Date(utc));
    }
}
