using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Import;

namespace PerfWorkflow.Workflows.Tests.Import;

public sealed class TextFormReaderTests
{
    private static ImportedForm ReadOne(string text)
    {
        var result = TextFormReader.Read(text);
        Assert.Empty(result.Errors);
        return Assert.Single(result.Forms);
    }

    [Fact]
    public void Read_ReadsTheCleanForm_WithNoImportFindingButTheUnitNote()
    {
        var imported = ReadOne(FormTexts.Clean);

        Assert.Equal("440304231071500000099", imported.Form.Code);
        Assert.Equal("办公设备维护", imported.Form.Name);
        Assert.Equal(new ProjectType("31", "履职类项目"), imported.Form.ProjectType);
        Assert.Equal(300_000m, imported.Form.TotalAmountYuan);
        Assert.Equal(10, imported.Form.Indicators.Count);
        Assert.Equal(4, imported.Form.Indicators.Count(r => r.NotApplicable));
        var finding = Assert.Single(imported.Findings);
        Assert.Equal(RuleIds.AmountUnitSuspect, finding.Rule);
    }

    [Fact]
    public void Read_TakesTheValue_FromTheNextLine_WhenTheLabelLineHasNone()
    {
        var imported = ReadOne(FormTexts.With("项目编码： 440304231071500000099 项目名称： 办公设备维护",
            "项目编码：\n440304231071500000099\n项目名称：\n\n办公设备维护"));

        Assert.Equal("440304231071500000099", imported.Form.Code);
        Assert.Equal("办公设备维护", imported.Form.Name);
    }

    [Fact]
    public void Read_JoinsAFieldWrappedOverLines_AndKeepsItemsOnTheirOwnLines()
    {
        var imported = ReadOne(FormTexts.With("测算依据： 用途1：打印机维护6万元。用途2：电脑维护4万元。",
            "测算依据：\n用途1：打印机和复印机的年度\n维护6万元；\n用途2：电脑维护4万元。"));

        Assert.Equal("用途1：打印机和复印机的年度维护6万元；\n用途2：电脑维护4万元。", imported.Form.CalculationBasis);
    }

    [Fact]
    public void Read_PutsTextUnderTheHeadingItIsPrintedUnder_WhenTheHeadingsColonStrayed()
    {
        var imported = ReadOne(FormTexts.With(
            "政策依据： 按照机关办公设备管理规定，保障办公设备正常使用。\n\n测算依据： 用途1：打印机维护6万元。用途2：电脑维护4万元。",
            "政策依据：\n\n测算依据\n\n严格落实中央八项规定，厉行节约。\n\n：\n用途1：打印机维护6万元。\n用途2：电脑维护4万元。"));

        Assert.Equal("", imported.Form.PolicyBasis);
        Assert.Equal("严格落实中央八项规定，厉行节约。\n用途1：打印机维护6万元。\n用途2：电脑维护4万元。", imported.Form.CalculationBasis);
    }

    [Fact]
    public void Read_JoinsAnExplanationWrappedOntoFollowingLines()
    {
        var imported = ReadOne(FormTexts.With("使用人员满意度 ≥90% 该指标主要考察使用人员满意度",
            "使用人员满意度 ≥90%\n该指标主要考察使用人员对本项目的满意程度，使用人员\n\n满意度=满意人数/调查人数*100%。"));

        var row = imported.Form.Indicators[8];
        Assert.Equal("≥90%", row.Value);
        Assert.Equal("该指标主要考察使用人员对本项目的满意程度，使用人员满意度=满意人数/调查人数*100%。", row.Explanation);
    }

    [Fact]
    public void Read_RejoinsAnIndicatorNameWrappedBeforeItsValue()
    {
        var imported = ReadOne(FormTexts.With("保障机关正常办公 有效保障 该指标主要考察是否保障机关正常办公",
            "保障机关正常办公，提升\n办公效率 有效保障 该指标主要考察是否保障机关正常办公"));

        var row = imported.Form.Indicators[5];
        Assert.Equal(("保障机关正常办公，提升办公效率", "有效保障"), (row.Name, row.Value));
        Assert.Equal("该指标主要考察是否保障机关正常办公", row.Explanation);
    }

    [Theory]
    [InlineData("维护设备台数 ≥ 50台 该指标主要考察维护设备台数", "维护设备台数", "≥ 50台")]
    [InlineData("维护设备台数 不低于50台 该指标主要考察维护设备台数", "维护设备台数", "不低于50台")]
    [InlineData("打印机 维护台数 ≥50台 该指标主要考察维护设备台数", "打印机 维护台数", "≥50台")]
    [InlineData("维护设备台数 ≥ 次 该指标主要考察维护设备台数", "维护设备台数", "≥ 次")]
    [InlineData("维护设备台数 00% 该指标主要考察维护设备台数", "维护设备台数", "00%")]
    [InlineData("维护设备台数 abc 该指标主要考察维护设备台数", "维护设备台数", "abc")]
    [InlineData("5G基站维护数 ≥50台 该指标主要考察维护设备台数", "5G基站维护数", "≥50台")]
    [InlineData("≥50台 该指标主要考察维护设备台数", "", "≥50台")]
    [InlineData("有效保障 该指标主要考察维护设备台数", "", "有效保障")]
    [InlineData("打印机　维护台数 ≥50台 该指标主要考察维护设备台数", "打印机　维护台数", "≥50台")]
    public void Read_SplitsARow_IntoNameValueAndExplanation(string cells, string name, string value)
    {
        var imported = ReadOne(FormTexts.With("维护设备台数 ≥50台 该指标主要考察维护设备台数", cells));

        var row = imported.Form.Indicators[0];
        Assert.Equal((name, value, "该指标主要考察维护设备台数"), (row.Name, row.Value, row.Explanation));
    }

    [Fact]
    public void Read_KeepsAPartlyNotApplicableRow_AsItIs()
    {
        var imported = ReadOne(FormTexts.With("效益指标 经济效益指标 不适用 不适用 不适用", "效益指标 经济效益指标 不适用 ≥2% 不适用"));

        var row = imported.Form.Indicators[4];
        Assert.Equal(("不适用", "≥2%", "不适用", false), (row.Name, row.Value, row.Explanation, row.NotApplicable));
    }

    [Fact]
    public void Read_StripsTheStarOfMandatoryCategories()
    {
        var imported = ReadOne(FormTexts.Clean);

        Assert.Equal(
            ["数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标", "其他满意度指标"],
            imported.Form.Indicators.Select(r => r.Level2));
    }

    [Fact]
    public void Read_DropsThePdfCommentsAfterTheRemark_AndNeverStoresTheirAuthors()
    {
        var imported = ReadOne(FormTexts.With(FormTexts.Remark,
            FormTexts.Remark + "\n\n\n(限40字以内)\n\n王小明\n\n(限40字以内)\n\n\nWindows 用户\n导入模板无需填写\n\n李娜\n系统自动带出，无需填写\n\n\n(限2000字以内)\n多年度项目长期目标为必填项\n"));

        Assert.Empty(imported.Form.UnplacedText);
        Assert.DoesNotContain(imported.Findings, f => f.Rule == RuleIds.ImportOrphanText);
        var json = System.Text.Json.JsonSerializer.Serialize(imported.Form, DeclarationJson.Options);
        Assert.DoesNotContain("王小明", json, StringComparison.Ordinal);
        Assert.DoesNotContain("李娜", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\n\n王小明\n")]
    [InlineData("\n\n(限40字以内)\n\n李娜\n\n")]
    [InlineData("\n\nWindows 用户\n")]
    [InlineData("\n\nZhang Wei\n")]
    public void Read_DropsABareCommenterNameWithNoHintAfterIt_AndNamesNoOneInAFinding(string tail)
    {
        var imported = ReadOne(FormTexts.With(FormTexts.Remark, FormTexts.Remark + tail));

        Assert.Empty(imported.Form.UnplacedText);
        Assert.DoesNotContain(imported.Findings, f => f.Rule == RuleIds.ImportOrphanText);
    }

    [Fact]
    public void Read_KeepsAGoalParagraphOrphanedAfterTheRemark_VerbatimWithAWarning()
    {
        var orphan = "目标2：完成全局打印机的年度维护，\n保障日常办公。";
        var imported = ReadOne(FormTexts.With(FormTexts.Remark,
            FormTexts.Remark + "\n\n(限40字以内)\n\n批注人\n(限40字以内)\n\n" + orphan + "\n\n批注人\n系统自动带出，无需填写\n"));

        Assert.Equal([orphan], imported.Form.UnplacedText);
        var finding = Assert.Single(imported.Findings, f => f.Rule == RuleIds.ImportOrphanText);
        Assert.Equal((Severity.Warning, "unplacedText[0]"), (finding.Severity, finding.Field));
        Assert.Contains("第", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeepsAnUnusualRemark_AsUnplacedText()
    {
        var imported = ReadOne(FormTexts.With(FormTexts.Remark, "备注：本项目与2023年度项目合并申报。"));

        Assert.Equal(["备注：本项目与2023年度项目合并申报。"], imported.Form.UnplacedText);
    }

    [Fact]
    public void Read_RemovesStraySpacesBeforeFullWidthBrackets_InTheUnits()
    {
        var imported = ReadOne(FormTexts.With(
            "申请单位： 深圳市福田区工业和信息化局（本级） 一级预算单位： 深圳市福田区工业和信息化局（本级）",
            "申请单位： 深圳市福田区工业和信息化局 （本级） 一级预算单位： 深圳市福田区工业和信息化局  （ 本级）"));

        Assert.Equal("深圳市福田区工业和信息化局（本级）", imported.Form.ApplicantUnit);
        Assert.Equal("深圳市福田区工业和信息化局（本级）", imported.Form.BudgetUnit);
    }

    [Fact]
    public void Read_ParsesAmountsWithThousandsSeparators_AsYuan()
    {
        var imported = ReadOne(FormTexts.With(
            "项目总金额（中期规划，万元）： 300,000.00 本年度项目金额（万元）： 100,000.00",
            "项目总金额（中期规划，万元）： 1,680,000,000.00 本年度项目金额（万元）： 280,000,000.00")
            .Replace("用途1：打印机维护6万元。用途2：电脑维护4万元。", "用途1：专项资金28000万元。", StringComparison.Ordinal));

        Assert.Equal(1_680_000_000m, imported.Form.TotalAmountYuan);
        Assert.Equal(280_000_000m, imported.Form.CurrentYearAmountYuan);
    }

    [Fact]
    public void Read_ConvertsToYuan_AndSaysNothing_WhenTheTenThousandLabelIsTrue()
    {
        var imported = ReadOne(FormTexts.With(
            "项目总金额（中期规划，万元）： 300,000.00 本年度项目金额（万元）： 100,000.00",
            "项目总金额（中期规划，万元）： 30.00 本年度项目金额（万元）： 10.00"));

        Assert.Equal((300_000m, 100_000m), (imported.Form.TotalAmountYuan, imported.Form.CurrentYearAmountYuan));
        Assert.DoesNotContain(imported.Findings, f => f.Rule == RuleIds.AmountUnitSuspect);
    }

    [Fact]
    public void Read_SaysNothingAboutTheUnit_WhenTheBasisNamesNoMoney()
    {
        var imported = ReadOne(FormTexts.With("用途1：打印机维护6万元。用途2：电脑维护4万元。", "用途1：打印机维护。用途2：电脑维护。"));

        Assert.Equal(100_000m, imported.Form.CurrentYearAmountYuan);
        Assert.Empty(imported.Findings);
    }

    [Fact]
    public void Read_KeepsAValueTheModelCannotHold_AsUnplacedText()
    {
        var imported = ReadOne(FormTexts.With("实施期限： 3 项目类型", "实施期限： 三年 项目类型"));

        Assert.Null(imported.Form.PeriodYears);
        Assert.Equal(["实施期限：三年"], imported.Form.UnplacedText);
        Assert.Contains(imported.Findings, f => f.Rule == RuleIds.ImportOrphanText);
    }

    [Fact]
    public void Read_ReportsAnUnreadableBlock_ByItsLine_AndStillImportsTheOthers()
    {
        var text = FormTexts.Clean + "二级项目支出绩效目标申报表\n这一页只有乱码 %%%\n@@@\n" + FormTexts.Clean;

        var result = TextFormReader.Read(text);

        Assert.Equal(2, result.Forms.Count);
        var error = Assert.Single(result.Errors);
        var badTitleLine = FormTexts.Clean.Split('\n').Length;
        Assert.Equal(badTitleLine, error.Line);
        Assert.Contains($"第{badTitleLine}行", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReportsTextBeforeTheFirstTitle()
    {
        var result = TextFormReader.Read("目录\n\n" + FormTexts.Clean);

        Assert.Single(result.Forms);
        Assert.Equal(1, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public void Read_RefusesText_WithoutAnyFormTitle()
    {
        var result = TextFormReader.Read("这是一份会议纪要。\n没有申报表。");

        Assert.True(result.NothingRead);
        Assert.Contains("二级项目支出绩效目标申报表", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReadsWindowsLineEndingsAndFormFeeds_LikePlainLines()
    {
        var text = "\f" + FormTexts.Clean.Replace("\n", "\r\n", StringComparison.Ordinal);

        var imported = ReadOne(text);

        Assert.Equal("办公设备维护", imported.Form.Name);
        Assert.Equal("完成全局打印机和电脑的年度维护，保障日常办公。", imported.Form.AnnualGoal);
        Assert.Equal(10, imported.Form.Indicators.Count);
    }
}
