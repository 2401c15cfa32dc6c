namespace PerfWorkflow.Workflows.Declarations;

/// <summary>The exact Chinese labels of the form (docs/domain.md §1) and the dotted field paths findings use.</summary>
public static class FieldLabels
{
    public const string Code = "项目编码";
    public const string Name = "项目名称";
    public const string ApplicantUnit = "申请单位";
    public const string BudgetUnit = "一级预算单位";
    public const string PeriodYears = "实施期限";
    public const string ProjectType = "项目类型";
    public const string IsNew = "是否新增项目";
    public const string AllocationMethod = "分配方式";
    public const string TotalAmount = "项目总金额（中期规划）";
    public const string CurrentYearAmount = "本年度项目金额";
    public const string PolicyBasis = "政策依据";
    public const string CalculationBasis = "测算依据";
    public const string AnnualGoal = "年度目标";
    public const string LongTermGoal = "长期目标（跨度多年的项目需填）";
    public const string Indicators = "绩效指标";
    public const string IndicatorName = "三级指标";
    public const string IndicatorValue = "指标值";
    public const string IndicatorExplanation = "指标解释";

    /// <summary>Dotted paths of the form fields, matching the JSON property names.</summary>
    public static class Paths
    {
        public const string Code = "code";
        public const string Name = "name";
        public const string ApplicantUnit = "applicantUnit";
        public const string BudgetUnit = "budgetUnit";
        public const string PeriodYears = "periodYears";
        public const string ProjectType = "projectType";
        public const string IsNew = "isNew";
        public const string AllocationMethod = "allocationMethod";
        public const string TotalAmount = "totalAmountYuan";
        public const string CurrentYearAmount = "currentYearAmountYuan";
        public const string PolicyBasis = "policyBasis";
        public const string CalculationBasis = "calculationBasis";
        public const string AnnualGoal = "annualGoal";
        public const string LongTermGoal = "longTermGoal";
        public const string Indicators = "indicators";

        public static string Indicator(int index, string cell) => $"indicators[{index}].{cell}";
    }

    /// <summary>The label of a dotted path (form field or indicator cell), or the path itself when unknown.</summary>
    public static string Of(string path)
    {
        var dot = path.LastIndexOf('.');
        if (path.StartsWith("indicators[", StringComparison.Ordinal) && dot > 0)
        {
            return path[(dot + 1)..] switch
            {
                "name" => IndicatorName,
                "value" => IndicatorValue,
                "explanation" => IndicatorExplanation,
                _ => Indicators,
            };
        }
        return path switch
        {
            Paths.Code => Code,
            Paths.Name => Name,
            Paths.ApplicantUnit => ApplicantUnit,
            Paths.BudgetUnit => BudgetUnit,
            Paths.PeriodYears => PeriodYears,
            Paths.ProjectType => ProjectType,
            Paths.IsNew => IsNew,
            Paths.AllocationMethod => AllocationMethod,
            Paths.TotalAmount => TotalAmount,
            Paths.CurrentYearAmount => CurrentYearAmount,
            Paths.PolicyBasis => PolicyBasis,
            Paths.CalculationBasis => CalculationBasis,
            Paths.AnnualGoal => AnnualGoal,
            Paths.LongTermGoal => LongTermGoal,
            Paths.Indicators => Indicators,
            _ => path,
        };
    }
}
