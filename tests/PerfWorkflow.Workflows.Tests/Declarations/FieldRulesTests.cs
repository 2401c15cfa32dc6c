using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

public class FieldRulesTests : ValidatorTestBase
{
    [Fact]
    public void Validate_FindsNothing_OnTheBuilderForm() => Assert.Empty(Validate(Valid()));

    [Theory]
    [InlineData("name", "项目名称")]
    [InlineData("policyBasis", "政策依据")]
    [InlineData("calculationBasis", "测算依据")]
    [InlineData("code", "项目编码")]
    [InlineData("applicantUnit", "申请单位")]
    [InlineData("budgetUnit", "一级预算单位")]
    [InlineData("allocationMethod", "分配方式")]
    public void RequiredField_Fires_ForAnEmptyTextField(string path, string label)
    {
        var finding = Single(RuleIds.RequiredField, Valid().With(f => Clear(f, path)));

        Assert.Equal((path, Severity.Error), (finding.Field, finding.Severity));
        Assert.Contains($"【{label}】", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredField_Fires_ForMissingChoices()
    {
        var findings = FindingsOf(RuleIds.RequiredField, Valid().With(f => { f.PeriodYears = null; f.ProjectType = null; f.IsNew = null; }));

        Assert.Equal(["periodYears", "projectType", "isNew"], findings.Select(f => f.Field));
    }

    [Fact]
    public void RequiredField_Fires_ForAnEmptyAnnualGoal_OfANewProject()
    {
        var finding = Single(RuleIds.RequiredField,
            Valid().With(f => { f.IsNew = true; f.Code = "440304241071500000001"; f.AnnualGoal = " "; }));

        Assert.Equal("annualGoal", finding.Field);
        Assert.Contains("新增项目年度目标为必填项", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredField_DoesNotFire_ForAnEmptyAnnualGoal_OfAContinuingProject() =>
        None(RuleIds.RequiredField, Valid().With(f => f.AnnualGoal = ""));

    [Fact]
    public void RequiredField_Fires_ForAnEmptyLongTermGoal_OfAMultiYearProject() =>
        Assert.Equal("longTermGoal", Single(RuleIds.RequiredField, Valid().With(f => f.LongTermGoal = "")).Field);

    [Fact]
    public void RequiredField_DoesNotFire_ForAnEmptyLongTermGoal_OfAOneYearProject() =>
        None(RuleIds.RequiredField, Valid().With(f => { f.PeriodYears = 1; f.LongTermGoal = ""; }));

    [Fact]
    public void TextTooLong_Fires_ForANameOver40Zi()
    {
        var finding = Single(RuleIds.TextTooLong, Valid().With(f => f.Name = new string('项', 41)));

        Assert.Equal("name", finding.Field);
        Assert.Contains("41字", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextTooLong_DoesNotFire_ForA40ZiName_WithSurroundingSpaces() =>
        None(RuleIds.TextTooLong, Valid().With(f => f.Name = "  " + new string('项', 40) + "  "));

    [Theory]
    [InlineData("annualGoal")]
    [InlineData("longTermGoal")]
    public void TextTooLong_Fires_ForAGoalOver2000Zi(string path)
    {
        var finding = Single(RuleIds.TextTooLong, Valid().With(f => Set(f, path, new string('标', 2000) + "。")));

        Assert.Equal(path, finding.Field);
    }

    [Fact]
    public void TextTooLong_DoesNotFire_ForAGoalOfExactly2000Zi() =>
        None(RuleIds.TextTooLong, Valid().With(f => f.AnnualGoal = new string('标', 1999) + "。"));

    [Theory]
    [InlineData("44030423107150000000")]
    [InlineData("4403042310715000000011")]
    [InlineData("440305231071500000001")]
    [InlineData("44030423107150000000A")]
    [InlineData("４４０３０４231071500000001")]
    public void CodeFormat_Fires_ForACodeThatIsNot21DigitsWithTheRegionCode(string code) =>
        Assert.Equal("code", Single(RuleIds.CodeFormat, Valid().With(f => f.Code = code)).Field);

    [Fact]
    public void CodeFormat_FollowsTheConfiguredRegionCode()
    {
        var validator = new DeclarationValidator(new DeclarationRulesOptions { RegionCode = "440305" });

        var findings = validator.Validate(Valid().With(f => f.Code = "440305231071500000001").Build());

        Assert.DoesNotContain(findings, f => f.Rule == RuleIds.CodeFormat);
    }

    [Fact]
    public void EnumValue_Fires_ForAnUnknownAllocationMethod() =>
        Assert.Equal("allocationMethod", Single(RuleIds.EnumValue, Valid().With(f => f.AllocationMethod = "平均分配法")).Field);

    [Fact]
    public void EnumValue_Fires_ForAnUnknownProjectTypeCode() =>
        Assert.Equal("projectType", Single(RuleIds.EnumValue, Valid().With(f => f.ProjectType = new ProjectType("99", "其他项目"))).Field);

    [Fact]
    public void EnumValue_Fires_WhenTheProjectTypeNameDoesNotMatchItsCode() =>
        Single(RuleIds.EnumValue, Valid().With(f => f.ProjectType = new ProjectType("31", "专项资金项目")));

    [Fact]
    public void EnumValue_DoesNotFire_ForAProjectTypeWithFullWidthBrackets() =>
        None(RuleIds.EnumValue, Valid().With(f => f.ProjectType = new ProjectType("15", "履职类（运转）项目")));

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void EnumValue_Fires_ForAPeriodOutsideTheConfiguredRange(int years) =>
        Assert.Equal("periodYears", Single(RuleIds.EnumValue, Valid().With(f => f.PeriodYears = years)).Field);

    [Fact]
    public void NewProjectInconsistent_Fires_ForANewProjectThatEnteredTheLibraryEarlier()
    {
        var finding = Single(RuleIds.NewProjectInconsistent, Valid().With(f => f.IsNew = true));

        Assert.Equal((Severity.Warning, "isNew"), (finding.Severity, finding.Field));
    }

    [Fact]
    public void NewProjectInconsistent_Fires_ForAContinuingProjectThatEnteredTheLibraryThisYear() =>
        Single(RuleIds.NewProjectInconsistent, Valid().With(f => f.Code = "440304241073100000002"));

    [Fact]
    public void NewProjectInconsistent_FollowsTheCycleBudgetYear_NotTheConfiguredOne()
    {
        // Entered the library in 2024 and continuing: wrong for budget year 2024, right for a 2025 cycle.
        var form = Valid().With(f => f.Code = "440304241073100000002").Build();

        Assert.Contains(Validator.Validate(form), f => f.Rule == RuleIds.NewProjectInconsistent);
        Assert.DoesNotContain(Validator.ForBudgetYear(2025).Validate(form), f => f.Rule == RuleIds.NewProjectInconsistent);
        Assert.Same(Validator.ForBudgetYear(2025), Validator.ForBudgetYear(2025));
        Assert.Equal(2024, Validator.Options.BudgetYear);
    }

    [Fact]
    public void NewProjectInconsistent_DoesNotFire_WhenTheFlagMatchesTheYearSegment()
    {
        None(RuleIds.NewProjectInconsistent, Valid());
        None(RuleIds.NewProjectInconsistent, Valid().With(f => { f.IsNew = true; f.Code = "440304241073100000002"; }));
    }

    internal static void Clear(DeclarationForm form, string path) => Set(form, path, "");

    internal static void Set(DeclarationForm form, string path, string value)
    {
        switch (path)
        {
            case "name": form.Name = value; break;
            case "code": form.Code = value; break;
            case "applicantUnit": form.ApplicantUnit = value; break;
            case "budgetUnit": form.BudgetUnit = value; break;
            case "allocationMethod": form.AllocationMethod = value; break;
            case "policyBasis": form.PolicyBasis = value; break;
            case "calculationBasis": form.CalculationBasis = value; break;
            case "annualGoal": form.AnnualGoal = value; break;
            case "longTermGoal": form.LongTermGoal = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(path), path, null);
        }
    }

    [Theory]
    [InlineData("根据上级部门要求依规开展内控管理、财务管理等业务工作，推动工作高质量发展。")]
    [InlineData("为保障我局各项工作的正常运转，提高财政资金使用效益。")]
    public void PolicyBasisNoDocument_Fires_WhenNoDocumentIsCited(string policy)
    {
        var finding = Single(RuleIds.PolicyBasisNoDocument, Valid().With(f => f.PolicyBasis = policy));

        Assert.Equal(("policyBasis", Severity.Warning), (finding.Field, finding.Severity));
    }

    [Theory]
    [InlineData("根据《深圳市福田区产业发展专项资金管理办法》，保障资金规范使用。")]
    [InlineData("根据福府办〔2023〕12号文件精神开展工作。")]
    [InlineData("依据本局“三定”方案中的职能分工。")]
    public void PolicyBasisNoDocument_DoesNotFire_WhenATitleOrNumberIsCited(string policy) =>
        None(RuleIds.PolicyBasisNoDocument, Valid().With(f => f.PolicyBasis = policy));

    [Fact]
    public void Messages_NameFieldsInMainlandStyle_NeverWithCornerBrackets()
    {
        var findings = Validate(Valid().With(f =>
        {
            f.PolicyBasis = "";
            f.CalculationBasis = "用途1：维护费12万元；用途2：耗材费9万元。";
            f.LongTermGoal = f.AnnualGoal;
        }).WithIndicator("数量指标", "设备维护次数", "≥0次"));

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.DoesNotContain("「", f.Message, StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("【测算依据】", StringComparison.Ordinal));
    }
}
