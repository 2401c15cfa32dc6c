using System.Globalization;
using System.Text;
using B = PerfWorkflow.Workflows.Declarations.Synthetic.PhraseBanks;

namespace PerfWorkflow.Workflows.Declarations.Synthetic;

/// <summary>A synthetic form and the rule ids its injected defects must trigger (empty for a clean form).</summary>
public sealed record GeneratedDeclaration(DeclarationForm Form, IReadOnlyList<string> InjectedDefects);

/// <summary>
/// Synthetic declarations for tests and benchmarks (docs/domain.md §6): consistent by construction (本年度 = sum of the 用途
/// items, 实施期限 and 新增 from the start/end years, codes from their segments), 5% of indicator values with surface noise
/// that parses to the same value, and at the given rate one injected defect per form, labelled with its rule id.
/// The same seed always gives the same forms.
/// </summary>
public sealed class DeclarationGenerator(DeclarationRulesOptions options)
{
    public const int MaxCount = 100_000;
    private const string Bureau = "深圳市福田区工业和信息化局（本级）";

    /// <summary>Rules the generator does not inject yet; their firing and non-firing tests are in the rule tests.</summary>
    public static IReadOnlyList<string> NotInjected { get; } = [RuleIds.AmountBasisAmbiguous, RuleIds.CountBelowFunded, RuleIds.TotalTermMismatch];

    /// <summary>The rule ids the generator can inject (all but the import-only ones and those listed in <see cref="NotInjected"/>).</summary>
    public static IReadOnlyList<string> InjectableRules { get; } =
        RuleIds.All.Select(r => r.Rule).Where(r => r is not RuleIds.AmountUnitSuspect and not RuleIds.ImportOrphanText && !NotInjected.Contains(r)).ToArray();

    /// <summary>Generates <paramref name="count"/> forms; <paramref name="defectRate"/> (0–1) is the share that gets a defect.</summary>
    public IEnumerable<GeneratedDeclaration> Generate(int seed, int count, double defectRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        if (double.IsNaN(defectRate) || defectRate < 0 || defectRate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(defectRate), defectRate, "The defect rate must be between 0 and 1.");
        }
        return Iterate(seed, count, defectRate);
    }

    private IEnumerable<GeneratedDeclaration> Iterate(int seed, int count, double defectRate)
    {
        var random = new Random(seed);
        var serialOffset = random.Next(100_000_000);
        for (var i = 0; i < count; i++)
        {
            var defect = random.NextDouble() < defectRate ? InjectableRules[random.Next(InjectableRules.Count)] : null;
            var draft = new Draft(random, options, Serial(i, serialOffset), needsStaff: defect == RuleIds.TextNumberConflict || random.NextDouble() < 0.3);
            var form = draft.Build();
            if (defect is not null)
            {
                DefectInjector.Inject(defect, draft, form, random);
            }
            yield return new GeneratedDeclaration(form, defect is null ? [] : [defect]);
        }
    }

    // 7919 is coprime with 10^8, so the 8-digit serials of one run never repeat.
    private static int Serial(int index, int offset) => (int)((index * 7919L + offset) % 100_000_000);

    /// <summary>The facts a form is built from, kept so a defect can be injected consistently.</summary>
    internal sealed class Draft
    {
        private readonly Random _random;
        private readonly DeclarationRulesOptions _options;
        private readonly int _serial;

        public Draft(Random random, DeclarationRulesOptions options, int serial, bool needsStaff)
        {
            _random = random;
            _options = options;
            _serial = serial;
            Subject = Pick(B.Subjects);
            if (needsStaff)
            {
                StaffRole = Pick(B.StaffRoles);
                StaffCount = random.Next(2, 31);
            }
        }

        public string Subject { get; }
        public string? StaffRole { get; }
        public int StaffCount { get; }

        public DeclarationForm Build()
        {
            var budgetYear = _options.BudgetYear;
            var start = budgetYear - _random.Next(0, 3);
            var end = budgetYear + _random.Next(1, 3);
            var type = _options.ProjectTypes[_random.Next(_options.ProjectTypes.Count)];
            var (basis, currentYuan) = CalculationBasis();
            var period = end - start + 1;
            var form = new DeclarationForm
            {
                Code = string.Create(CultureInfo.InvariantCulture,
                    $"{_options.RegionCode}{start % 100:D2}107{TwoDigits(type.Code)}{_serial:D8}"),
                Name = Subject + Pick(B.NameSuffixes),
                ApplicantUnit = Bureau,
                BudgetUnit = Bureau,
                PeriodYears = period,
                ProjectType = type,
                IsNew = start == budgetYear,
                AllocationMethod = _options.AllocationMethods[_random.Next(_options.AllocationMethods.Count)],
                CurrentYearAmountYuan = Plain(currentYuan),
                TotalAmountYuan = Plain(currentYuan * period + _random.Next(0, 5) * 10_000m),
                PolicyBasis = string.Format(CultureInfo.InvariantCulture, Pick(B.PolicyOpenings), Subject) + Pick(B.PolicyClosings),
                CalculationBasis = basis,
                AnnualGoal = AnnualGoal(budgetYear),
                LongTermGoal = LongTermGoal(),
                Indicators = Indicators(currentYuan),
            };
            return form;
        }

        // Drops trailing zeros of the decimal scale so amounts print as 6425000, not 6425000.0.
        internal static decimal Plain(decimal value) => value / 1.0000000000000000000000000000m;

        private static string TwoDigits(string code) =>
            code.Length >= 2 && char.IsAsciiDigit(code[^1]) && char.IsAsciiDigit(code[^2]) ? code[^2..] : "00";

        private string AnnualGoal(int year)
        {
            var text = string.Format(CultureInfo.InvariantCulture, Pick(B.AnnualOpenings), Subject, year);
            if (StaffRole is not null)
            {
                text += string.Create(CultureInfo.InvariantCulture, $"配置{StaffCount}名{StaffRole}，");
            }
            return text + Pick(B.AnnualClosings);
        }

        private string LongTermGoal()
        {
            var first = _random.Next(B.LongTermSentences.Length);
            var second = (first + 1 + _random.Next(B.LongTermSentences.Length - 1)) % B.LongTermSentences.Length;
            return string.Format(CultureInfo.InvariantCulture, B.LongTermSentences[first], Subject)
                + string.Format(CultureInfo.InvariantCulture, B.LongTermSentences[second], Subject);
        }

        // Items first; 本年度 is their sum (docs/domain.md §6). Styles: 用途N, numbered, with an item breakdown, formulas in 元, closing 合计.
        private (string Text, decimal Yuan) CalculationBasis()
        {
            var itemCount = _random.Next(1, 5);
            var names = B.CostItems.OrderBy(_ => _random.Next()).Take(itemCount).ToList();
            var style = _random.Next(10);
            // A single numbered item is not a list, so numbering needs two items.
            if (style < 2 && itemCount < 2)
            {
                style = 9;
            }
            var text = new StringBuilder();
            var totalYuan = 0m;
            for (var i = 0; i < itemCount; i++)
            {
                var label = style < 2 ? $"{i + 1}." : $"用途{i + 1}：";
                var isStaff = i == 0 && StaffRole is not null;
                var itemName = isStaff ? string.Create(CultureInfo.InvariantCulture, $"{StaffCount}名{StaffRole}劳务费") : names[i];
                decimal yuan;
                string body;
                if (style == 2 && !isStaff)
                {
                    var price = _random.Next(2, 60) * 500;
                    var quantity = _random.Next(2, 13);
                    yuan = price * quantity;
                    body = string.Create(CultureInfo.InvariantCulture, $"{itemName}{price}元×{quantity}={yuan}元");
                }
                else if (style == 3 && !isStaff)
                {
                    var part1 = _random.Next(1, 40) * 0.5m;
                    var part2 = _random.Next(1, 40) * 0.5m;
                    yuan = (part1 + part2) * 10_000m;
                    var (name1, name2) = Pick(B.CostBreakdowns);
                    body = string.Create(CultureInfo.InvariantCulture,
                        $"{itemName}{Wan(part1 + part2)}万元：{name1}{Wan(part1)}万元，{name2}{Wan(part2)}万元，合{Wan(part1 + part2)}万元");
                }
                else
                {
                    var wan = _random.Next(1, 600) * 0.5m;
                    yuan = wan * 10_000m;
                    body = string.Create(CultureInfo.InvariantCulture, $"{itemName}{Wan(wan)}万元");
                }
                totalYuan += yuan;
                text.Append(label).Append(body).Append(i + 1 < itemCount ? (style < 2 ? "。" : "；") : "。");
            }
            if (style == 4 && itemCount > 1)
            {
                text.Append(CultureInfo.InvariantCulture, $"合计{Wan(totalYuan / 10_000m)}万元。");
            }
            return (text.ToString(), totalYuan);
        }

        private static string Wan(decimal wan) => wan.ToString("0.####", CultureInfo.InvariantCulture);

        private List<IndicatorRow> Indicators(decimal currentYuan)
        {
            var rows = new List<IndicatorRow>();
            foreach (var category in IndicatorSkeleton.Categories)
            {
                var generated = category.Level2 switch
                {
                    "数量指标" => QuantityRows(),
                    "质量指标" => Rows(B.QualityIndicators.Select(n => (n, Pick(B.QualityValues))).ToArray(), 3),
                    "时效指标" => Rows(B.TimelinessIndicators, 2),
                    // A rate alone earns COST_UNIT_ADVICE; a clean form also states what the year costs.
                    "成本指标" => [("成本控制率", _random.Next(2) == 0 ? "≤100%" : "100%"),
                        ("年度项目成本", string.Create(CultureInfo.InvariantCulture, $"≤{Wan(currentYuan / 10_000m)}万元"))],
                    "经济效益指标" => Optional(B.EconomicIndicators),
                    "社会效益指标" => Rows(B.SocialIndicators, 3),
                    "生态效益指标" => [],
                    "可持续影响指标" => Optional(B.SustainableIndicators),
                    "服务对象满意度指标" => Rows(B.SatisfactionIndicators.Select(n => (n, Pick(B.SatisfactionValues))).ToArray(), 2),
                    "其他满意度指标" => Optional(B.OtherSatisfactionIndicators),
                    _ => [],
                };
                if (generated.Count == 0)
                {
                    rows.Add(IndicatorSkeleton.NotApplicableRow(category.Level1, category.Level2));
                    continue;
                }
                foreach (var (name, value) in generated)
                {
                    rows.Add(new IndicatorRow
                    {
                        Level1 = category.Level1, Level2 = category.Level2, Name = name,
                        Value = _random.NextDouble() < 0.05 ? SurfaceNoise.Apply(value, _random) : value,
                        Explanation = $"该指标主要考察{name}。",
                    });
                }
            }
            return rows;
        }

        private List<(string, string)> QuantityRows()
        {
            var rows = Rows(B.QuantityIndicators.Select(q => (q.Name, string.Create(CultureInfo.InvariantCulture,
                $"{(_random.Next(2) == 0 ? "≥" : "")}{Pick(B.QuantityNumbers)}{q.Unit}"))).ToArray(), StaffRole is null ? 3 : 2);
            if (StaffRole is not null)
            {
                rows.Add(($"{StaffRole}配置数量", string.Create(CultureInfo.InvariantCulture, $"{StaffCount}人")));
            }
            return rows;
        }

        private List<(string, string)> Rows((string Name, string Value)[] bank, int max) =>
            bank.OrderBy(_ => _random.Next()).Take(_random.Next(1, max + 1)).ToList();

        private List<(string, string)> Optional((string Name, string Value)[] bank) =>
            _random.Next(3) == 0 ? [Pick(bank)] : [];

        internal T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
    }
}
