using System.Globalization;

namespace PerfWorkflow.Workflows.Declarations.Synthetic;

/// <summary>Breaks a consistent form in exactly the way one rule must notice.</summary>
internal static class DefectInjector
{
    public static void Inject(string rule, DeclarationGenerator.Draft draft, DeclarationForm form, Random random)
    {
        switch (rule)
        {
            case RuleIds.RequiredField:
                switch (random.Next(4))
                {
                    case 0: form.PolicyBasis = ""; break;
                    case 1: form.Name = " "; break;
                    case 2: form.LongTermGoal = ""; break;
                    default: form.AllocationMethod = ""; break;
                }
                break;
            case RuleIds.TextTooLong:
                if (random.Next(2) == 0)
                {
                    form.Name = (form.Name + "暨配套保障及绩效跟踪评价与成果推广应用工作经费预算安排").PadRight(41, '项');
                }
                else
                {
                    form.AnnualGoal = string.Concat(Enumerable.Repeat(form.AnnualGoal, 2001 / form.AnnualGoal.Length + 1));
                }
                break;
            case RuleIds.CodeFormat:
                form.Code = random.Next(2) == 0 ? form.Code[..^1] : "440305" + form.Code[6..];
                break;
            case RuleIds.EnumValue:
                if (random.Next(2) == 0)
                {
                    form.AllocationMethod = "平均分配法";
                }
                else
                {
                    form.ProjectType = new ProjectType("99", "试点项目");
                }
                break;
            case RuleIds.AmountInvalid:
                if (random.Next(2) == 0)
                {
                    form.TotalAmountYuan = DeclarationGenerator.Draft.Plain(form.CurrentYearAmountYuan!.Value / 2);
                }
                else
                {
                    form.TotalAmountYuan = null;
                }
                break;
            case RuleIds.AmountBasisMismatch:
                form.CurrentYearAmountYuan = DeclarationGenerator.Draft.Plain(decimal.Round(form.CurrentYearAmountYuan!.Value * (1.1m + random.Next(0, 40) / 100m), 2));
                form.TotalAmountYuan = DeclarationGenerator.Draft.Plain(form.CurrentYearAmountYuan.Value * form.PeriodYears!.Value);
                break;
            case RuleIds.CalcBasisNoAmounts:
                form.CalculationBasis = "用途1：" + draft.Pick(PhraseBanks.CostItems) + "。用途2：" + draft.Pick(PhraseBanks.CostItems) + "等相关支出。";
                break;
            case RuleIds.IndicatorRequired:
                MakeNotApplicable(form, draft.Pick(IndicatorSkeleton.Categories.Where(c => c.Mandatory).ToList()).Level2);
                break;
            case RuleIds.IndicatorIncomplete:
                First(form, "社会效益指标").Name = "";
                break;
            case RuleIds.IndicatorValueMalformed:
                First(form, "质量指标").Value = draft.Pick(["00%", "≥%", "100%%", "≥9O%", "≥ 次", "≥95％％"]);
                break;
            case RuleIds.IndicatorValueVacuous:
                First(form, "数量指标").Value = draft.Pick(["≥0次", "不低于0家", "≥0个"]);
                break;
            case RuleIds.IndicatorDirection:
                var direction = First(form, "质量指标");
                direction.Name = draft.Pick(["资金发放率", "任务完成率", "政策覆盖率"]);
                direction.Value = draft.Pick(["≤100%", "<100%"]);
                break;
            case RuleIds.IndicatorUnitMissing:
                var rate = First(form, "质量指标");
                rate.Value = draft.Pick(["100", "≥95"]);
                break;
            case RuleIds.IndicatorCategoryMismatch:
                First(form, random.Next(2) == 0 ? "质量指标" : "时效指标").Value = string.Create(CultureInfo.InvariantCulture, $"≥{random.Next(2, 20)}个");
                break;
            case RuleIds.IndicatorQuantifyAdvice:
                First(form, "数量指标").Value = draft.Pick(["全覆盖", "按计划完成", "有效提升"]);
                break;
            case RuleIds.CostUnitAdvice:
                form.Indicators.RemoveAll(r => r.Level2 == "成本指标" && r.Name != "成本控制率");
                break;
            case RuleIds.SatisfactionTarget:
                First(form, "服务对象满意度指标").Value = draft.Pick(["≥70%", "100%", "≥60%"]);
                break;
            case RuleIds.NaRowInconsistent:
                var row = First(form, "生态效益指标");
                row.NotApplicable = false;
                row.Name = "减少纸质材料使用量";
                break;
            case RuleIds.TextNumberConflict:
                var staff = form.Indicators.Find(r => r.Name.EndsWith("配置数量", StringComparison.Ordinal))!;
                staff.Value = string.Create(CultureInfo.InvariantCulture, $"{draft.StaffCount + random.Next(1, 6)}人");
                break;
            case RuleIds.DuplicateText:
                form.LongTermGoal = form.AnnualGoal;
                break;
            case RuleIds.PersonalData:
                form.AnnualGoal += "项目人员：" + string.Join("、", PhraseBanks.SyntheticNames.Take(random.Next(2, 5))) + "。";
                break;
            case RuleIds.PolicyBasisNoDocument:
                form.PolicyBasis = "为推动相关工作高质量发展，统筹安排相关经费，保障各项工作顺利开展。";
                break;
            case RuleIds.NewProjectInconsistent:
                form.IsNew = !form.IsNew;
                break;
            case RuleIds.TextTruncated:
                var cut = form.AnnualGoal.TrimEnd('。');
                form.AnnualGoal = cut[..Math.Max(4, cut.Length - random.Next(1, 4))];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "Not an injectable rule.");
        }
    }

    private static IndicatorRow First(DeclarationForm form, string level2) => form.Indicators.First(r => r.Level2 == level2);

    private static void MakeNotApplicable(DeclarationForm form, string level2)
    {
        var index = form.Indicators.FindIndex(r => r.Level2 == level2);
        var level1 = form.Indicators[index].Level1;
        form.Indicators.RemoveAll(r => r.Level2 == level2);
        form.Indicators.Insert(index, IndicatorSkeleton.NotApplicableRow(level1, level2));
    }
}
