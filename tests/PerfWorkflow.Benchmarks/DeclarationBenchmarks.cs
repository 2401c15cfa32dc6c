using BenchmarkDotNet.Attributes;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;
using PerfWorkflow.Workflows.Import;

namespace PerfWorkflow.Benchmarks;

/// <summary>
/// Throughput of the declaration pipeline on one core (docs/architecture.md §9: ≥ 20 000 forms/s validated; 3 000 forms imported
/// in ≤ 2 s). Per-form benchmarks report the time of one form: forms/s = 1 s / Mean.
/// </summary>
[MemoryDiagnoser]
public class DeclarationBenchmarks
{
    private const int Forms = 1_000;
    private const int ImportForms = 3_000;

    private readonly DeclarationValidator _validator = new(new DeclarationRulesOptions());
    private List<DeclarationForm> _generated = [];
    private string _generatedText = "";
    private byte[] _generated3000 = [];
    private byte[] _samples3000 = [];

    [GlobalSetup]
    public void Setup()
    {
        var options = new DeclarationRulesOptions();
        // Typical forms: one in ten carries a defect, as a drafting round does.
        _generated = [.. new DeclarationGenerator(options).Generate(seed: 2024, count: Forms, defectRate: 0.1).Select(g => g.Form)];
        _generatedText = TextFormWriter.WriteAll(_generated);
        _generated3000 = System.Text.Encoding.UTF8.GetBytes(TextFormWriter.WriteAll(
            new DeclarationGenerator(options).Generate(seed: 3000, count: ImportForms, defectRate: 0.1).Select(g => g.Form)));
        var sample = SampleText();
        _samples3000 = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(sample, ImportForms / 11 + 1)));
    }

    /// <summary>The rule catalogue over one generated form.</summary>
    [Benchmark(OperationsPerInvoke = Forms)]
    public int ValidatePerForm()
    {
        var findings = 0;
        foreach (var form in _generated)
        {
            findings += _validator.Validate(form).Count;
        }
        return findings;
    }

    /// <summary>Import from text, then the rule catalogue, for one generated form.</summary>
    [Benchmark(OperationsPerInvoke = Forms)]
    public int ParseAndValidatePerForm()
    {
        var findings = 0;
        foreach (var imported in TextFormReader.Read(_generatedText).Forms)
        {
            findings += _validator.Validate(imported.Form).Count + imported.Findings.Count;
        }
        return findings;
    }

    /// <summary>Import (decoding included) of a file of 3 000 generated forms.</summary>
    [Benchmark]
    public int Import3000GeneratedForms() => TextFormReader.Read(_generated3000).Forms.Count;

    /// <summary>Import of the 11 real forms repeated to 3 003, PDF comment remnants and wrapped cells included.</summary>
    [Benchmark]
    public int Import3003SampleForms() => TextFormReader.Read(_samples3000).Forms.Count;

    private static string SampleText()
    {
        using var stream = typeof(DeclarationBenchmarks).Assembly.GetManifestResourceStream("seed-forms-2024.txt")
            ?? throw new InvalidOperationException("The sample forms are not embedded in the benchmark assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
