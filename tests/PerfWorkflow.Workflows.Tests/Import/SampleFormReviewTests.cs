using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Import;
using R = PerfWorkflow.Workflows.Declarations.RuleIds;

namespace PerfWorkflow.Workflows.Tests.Import;

/// <summary>
/// The 11 sample forms read as a careful finance reviewer reads them (issue 3 part 6): the error-level findings each
/// deserves, exactly, and the warnings, exactly. Fields name the later of two duplicated texts.
/// </summary>
public sealed class SampleFormReviewTests
{
    private static readonly ImportResult Imported = TextFormReader.ReadFile(SampleForms.FilePath);
    private static readonly DeclarationValidator Validator = new(new DeclarationRulesOptions { BudgetYear = 2024 });

    private sealed record Review(string Name, (string Rule, string Field)[] Errors, (string Rule, string Field)[] Warnings);

    // POLICY_BASIS_NO_DOCUMENT: eight of the eleven 政策依据 name no document (no 《…》 title, no 文号, not the 三定 方案)
    // and describe the work instead; a reviewer asks for the document on each.
    private static readonly Review[] Reviews =
    [
        // 小型工程类项目: the cost target “≤100” lacks its %.
        new("小型工程类项目", [], [(R.PolicyBasisNoDocument, "policyBasis"), (R.IndicatorUnitMissing, "indicators[3].value")]),
        // 商贸及制造业分项: 政策依据 repeats 年度目标 and 测算依据 repeats 长期目标 verbatim; the basis of a 专项资金 of 2.8亿
        // names no amount (an error for 专项资金 by policy). 5家 new entries and 300家 applications count different things.
        new("商贸及制造业分项", [(R.CalcBasisNoAmounts, "calculationBasis")], [(R.PolicyBasisNoDocument, "policyBasis"), (R.DuplicateText, "annualGoal"), (R.DuplicateText, "longTermGoal")]),
        // 英才荟经费: entered the library in 2024 yet 新增 = 否; 资金发放率 “≤100%” lets 0% pass.
        // 年度目标 and 长期目标 differ by “2024年”/“人才” only (90% similar): a copy.
        new("英才荟经费", [], [(R.NewProjectInconsistent, "isNew"), (R.IndicatorDirection, "indicators[0].value"), (R.DuplicateText, "longTermGoal")]),
        // 高层次紧缺专业人才: 长期目标 repeats 年度目标 verbatim.
        new("高层次紧缺专业人才", [], [(R.PolicyBasisNoDocument, "policyBasis"), (R.DuplicateText, "longTermGoal")]),
        // 购置费（非政府采购）: 用途 13万 + 7万 = 20万 against 本年度 7万元; 长期目标 repeats 年度目标.
        new("购置费（非政府采购）", [(R.AmountBasisMismatch, "calculationBasis")], [(R.PolicyBasisNoDocument, "policyBasis"), (R.DuplicateText, "longTermGoal")]),
        // 劳务派遣: 政策依据 empty, its text sits under 测算依据; the basis funds 27名 staff, the indicator promises ≥17人.
        new("劳务派遣", [(R.RequiredField, "policyBasis")], [(R.CountBelowFunded, "indicators[1].value")]),
        // 乡村振兴管理: 年度目标 repeats 政策依据 verbatim; 500 + 30 + 20 = 550万 matches.
        new("乡村振兴管理", [], [(R.PolicyBasisNoDocument, "policyBasis"), (R.DuplicateText, "annualGoal")]),
        // 工商业管理: 测算依据 lists goals, not money, for 1 250万元 (above the configured amount: an error).
        new("工商业管理", [(R.CalcBasisNoAmounts, "calculationBasis")], [(R.PolicyBasisNoDocument, "policyBasis")]),
        // 购置费（政府采购）: 12万 + 2万 = 14万 matches; nothing to say.
        new("购置费（政府采购）", [], [(R.PolicyBasisNoDocument, "policyBasis")]),
        // 党组织建设: 2万 + 8万 = 10万 matches; nothing above info.
        new("党组织建设", [], []),
        // 综合管理事务: 用途 without amounts; 长期目标 copies 政策依据 with two phrases changed (92% similar).
        new("综合管理事务", [], [(R.PolicyBasisNoDocument, "policyBasis"), (R.CalcBasisNoAmounts, "calculationBasis"), (R.DuplicateText, "longTermGoal")]),
    ];

    public static TheoryData<string, (string Rule, string Field)[]> ExpectedErrors { get; } = Table(r => r.Errors);

    public static TheoryData<string, (string Rule, string Field)[]> ExpectedWarnings { get; } = Table(r => r.Warnings);

    [Theory]
    [MemberData(nameof(ExpectedErrors))]
    public void Review_FindsExactlyTheErrorsTheSampleFormDeserves(string name, (string Rule, string Field)[] errors)
    {
        Assert.Equal(errors.Order(), Distinct(FindingsOf(name), Severity.Error));
    }

    [Theory]
    [MemberData(nameof(ExpectedWarnings))]
    public void Review_FindsExactlyTheWarningsTheSampleFormDeserves(string name, (string Rule, string Field)[] warnings)
    {
        Assert.Equal(warnings.Order(), Distinct(FindingsOf(name), Severity.Warning));
    }

    [Fact]
    public void Review_CoversEverySampleForm()
    {
        Assert.Equal(Imported.Forms.Select(f => f.Form.Name), Reviews.Select(r => r.Name));
    }

    [Theory]
    [InlineData("工商业管理", "policyBasis")]
    [InlineData("党组织建设", "policyBasis")]
    public void Review_NotesAnUnclosedQuoteOrBracket_AsAHint(string name, string field)
    {
        Assert.Contains(FindingsOf(name), f => f.Rule == R.TextTruncated && f.Field == field && f.Severity == Severity.Info);
    }

    [Fact]
    public void Review_WritesEveryFindingInChinese_NamingHowToFixIt()
    {
        foreach (var finding in Imported.Forms.SelectMany(f => FindingsOf(f.Form.Name)))
        {
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", finding.Message);
            if (finding.Rule != R.CalcBasisNoAmounts)
            {
                Assert.Equal(R.SeverityOf(finding.Rule), finding.Severity);
            }
        }
    }

    private static TheoryData<string, (string Rule, string Field)[]> Table(Func<Review, (string Rule, string Field)[]> expected)
    {
        var data = new TheoryData<string, (string Rule, string Field)[]>();
        foreach (var review in Reviews)
        {
            data.Add(review.Name, expected(review));
        }
        return data;
    }

    private static List<Finding> FindingsOf(string name)
    {
        var imported = Assert.Single(Imported.Forms, f => f.Form.Name == name);
        return [.. Validator.Validate(imported.Form), .. imported.Findings];
    }

    private static List<(string Rule, string Field)> Distinct(List<Finding> findings, Severity severity) =>
        [.. findings.Where(f => f.Severity == severity).Select(f => (f.Rule, f.Field)).Distinct().Order()];
}
