using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Import;

namespace PerfWorkflow.Api.Cli;

/// <summary>
/// <c>validate [--format json|text] [--budget-year YYYY] FILE…</c> (docs/architecture.md §8): imports text-extracted forms or our .xlsx workbook, runs the
/// rule catalogue and prints every form with its findings. Exit 0: no error-level finding; 1: some error-level finding
/// or an unreadable block; 2: nothing could be read or the command line is wrong (message on stderr).
/// </summary>
public static class ValidateVerb
{
    private const string Usage = "用法：validate [--format json|text] [--budget-year YYYY] 文件…";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return Validate(args, stdout, stderr);
        }
        catch (Exception e)
        {
            // The CLI boundary: a user sees one line, never a stack trace.
            stderr.WriteLine($"validate：内部错误，未能完成校验：{e.Message}");
            return 2;
        }
    }

    private static int Validate(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (ParseArguments(args, stderr) is not { } arguments)
        {
            return 2;
        }
        var validator = new DeclarationValidator(new DeclarationRulesOptions { BudgetYear = arguments.BudgetYear ?? new DeclarationRulesOptions().BudgetYear });
        var report = new ValidationReport();
        foreach (var file in arguments.Files)
        {
            var imported = FormFileReader.ReadFile(file);
            var prefix = arguments.Files.Count > 1 ? $"{Path.GetFileName(file)}：" : "";
            foreach (var error in imported.Errors)
            {
                report.Errors.Add(error with { Message = prefix + error.Message });
            }
            foreach (var form in imported.Forms)
            {
                report.Forms.Add(new ValidatedForm(form.Form, [.. validator.Validate(form.Form), .. form.Findings], file, form.Line));
            }
        }
        // Each message names its line (and file) itself; stderr carries them whether or not other forms were read.
        foreach (var error in report.Errors)
        {
            stderr.WriteLine($"validate：{error.Message}");
        }
        if (arguments.Text)
        {
            WriteText(report, stdout);
        }
        else
        {
            WriteJson(report, stdout);
        }
        if (report.Forms.Count == 0)
        {
            return 2;
        }
        var hasErrors = report.Errors.Count > 0 || report.Forms.Any(f => f.Findings.Any(x => x.Severity == Severity.Error));
        return hasErrors ? 1 : 0;
    }

    private sealed record Arguments(bool Text, int? BudgetYear, IReadOnlyList<string> Files);

    private sealed record ValidatedForm(DeclarationForm Form, IReadOnlyList<Finding> Findings, string File, int Line);

    private sealed class ValidationReport
    {
        public List<ValidatedForm> Forms { get; } = [];

        public List<ImportError> Errors { get; } = [];
    }

    private static Arguments? ParseArguments(string[] args, TextWriter stderr)
    {
        var text = false;
        int? budgetYear = null;
        var files = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = args[i].StartsWith("--", StringComparison.Ordinal) && args[i].IndexOf('=', StringComparison.Ordinal) is var eq and > 0
                ? (args[i][..eq], args[i][(eq + 1)..])
                : (args[i], null);
            switch (name)
            {
                case "--format":
                    var format = inline ?? (i + 1 < args.Length ? args[++i] : "");
                    if (format is not ("json" or "text"))
                    {
                        return Fail($"--format 只能是 json 或 text，收到“{format}”。");
                    }
                    text = format == "text";
                    break;
                case "--budget-year":
                    var year = inline ?? (i + 1 < args.Length ? args[++i] : "");
                    if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 2000 or > 2099)
                    {
                        return Fail($"--budget-year 应为四位年份（2000–2099），收到“{year}”。");
                    }
                    budgetYear = parsed;
                    break;
                case "--":
                    files.AddRange(args[(i + 1)..]);
                    i = args.Length;
                    break;
                default:
                    if (name.StartsWith("--", StringComparison.Ordinal))
                    {
                        return Fail($"未知选项“{name}”。");
                    }
                    files.Add(args[i]);
                    break;
            }
        }
        return files.Count == 0 ? Fail("请至少指定一个要校验的文件。") : new Arguments(text, budgetYear, files);

        Arguments? Fail(string message)
        {
            stderr.WriteLine($"validate：{message}");
            stderr.WriteLine(Usage);
            return null;
        }
    }

    // The contract of docs/architecture.md §8: each form's fields as DeclarationJson writes them, then its findings.
    private static void WriteJson(ValidationReport report, TextWriter stdout)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = DeclarationJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("forms");
            foreach (var form in report.Forms)
            {
                writer.WriteStartObject();
                foreach (var property in JsonSerializer.SerializeToElement(form.Form, DeclarationJson.Options).EnumerateObject())
                {
                    property.WriteTo(writer);
                }
                writer.WritePropertyName("findings");
                JsonSerializer.Serialize(writer, form.Findings, DeclarationJson.Options);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WritePropertyName("errors");
            JsonSerializer.Serialize(writer, report.Errors, DeclarationJson.Options);
            writer.WriteEndObject();
        }
        stdout.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    // Per form its findings; the importer's 万元-label note (AMOUNT_UNIT_SUSPECT) is said once per file, not on every
    // form; at the end the totals and a count per rule, so an office sees at a glance what a batch lacks.
    private static void WriteText(ValidationReport report, TextWriter stdout)
    {
        var counts = new Dictionary<Severity, int> { [Severity.Error] = 0, [Severity.Warning] = 0, [Severity.Info] = 0 };
        var perRule = new Dictionary<string, Dictionary<Severity, int>>(StringComparer.Ordinal);
        var unitNotes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < report.Forms.Count; i++)
        {
            var (form, findings, file, line) = report.Forms[i];
            stdout.WriteLine($"{i + 1}. {Or(form.Name, "（无项目名称）")}（项目编码 {Or(form.Code, "空")}）— {Path.GetFileName(file)} 第{line}行");
            stdout.WriteLine($"   本年度项目金额：{Amount(form.CurrentYearAmountYuan)}；项目总金额：{Amount(form.TotalAmountYuan)}；指标 {form.Indicators.Count} 行");
            var shown = findings.Where(f => f.Rule != RuleIds.AmountUnitSuspect).ToList();
            if (shown.Count < findings.Count)
            {
                if (!unitNotes.TryGetValue(file, out var numbers))
                {
                    unitNotes[file] = numbers = [];
                }
                numbers.Add(i + 1);
            }
            if (shown.Count == 0)
            {
                stdout.WriteLine("   未发现问题。");
            }
            foreach (var finding in shown.OrderByDescending(f => f.Severity))
            {
                Count(finding.Rule, finding.Severity);
                stdout.WriteLine($"   [{SeverityName(finding.Severity)}] {finding.Field}：{finding.Message}（{finding.Rule}）");
            }
            stdout.WriteLine();
        }
        foreach (var (file, numbers) in unitNotes)
        {
            Count(RuleIds.AmountUnitSuspect, RuleIds.SeverityOf(RuleIds.AmountUnitSuspect));
            stdout.WriteLine($"[提示] {Path.GetFileName(file)}：第{string.Join("、", numbers)}张申报表的金额单位标注与测算依据不符（如标注“万元”而数值实为“元”），已按测算依据换算为元导入（每张表上方显示的金额即导入值）；请核对金额单位。（{RuleIds.AmountUnitSuspect}）");
        }
        if (unitNotes.Count > 0)
        {
            stdout.WriteLine();
        }
        foreach (var error in report.Errors)
        {
            stdout.WriteLine($"[无法读取] {error.Message}");
        }
        stdout.WriteLine($"共 {report.Forms.Count} 张申报表：错误 {counts[Severity.Error]} 条，警告 {counts[Severity.Warning]} 条，提示 {counts[Severity.Info]} 条；无法读取 {report.Errors.Count} 处。");
        if (perRule.Count > 0)
        {
            stdout.WriteLine("按规则统计：");
            foreach (var (rule, _) in RuleIds.All)
            {
                if (perRule.TryGetValue(rule, out var bySeverity))
                {
                    var parts = bySeverity.OrderByDescending(p => p.Key).Select(p => $"{SeverityName(p.Key)} {p.Value}");
                    stdout.WriteLine($"  {rule}：{bySeverity.Values.Sum()} 条（{string.Join("，", parts)}）");
                }
            }
        }

        void Count(string rule, Severity severity)
        {
            counts[severity]++;
            if (!perRule.TryGetValue(rule, out var bySeverity))
            {
                perRule[rule] = bySeverity = [];
            }
            bySeverity[severity] = bySeverity.GetValueOrDefault(severity) + 1;
        }
    }

    private static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "错误",
        Severity.Warning => "警告",
        _ => "提示",
    };

    private static string Amount(decimal? yuan) =>
        yuan is { } value ? $"{value.ToString("#,##0.00", CultureInfo.InvariantCulture)} 元（{DisplayFormat.WanYuan(value)} 万元）" : "未填";

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}
