using System.Globalization;
using System.Text.Json;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;

namespace PerfWorkflow.Api.Cli;

/// <summary><c>generate --count N --seed S [--defect-rate R] [--format json|text]</c> (docs/architecture.md §8, docs/domain.md §6).</summary>
public static class GenerateVerb
{
    private const string Usage = "用法：generate --count N --seed S [--defect-rate R] [--format json|text]（N 为 1–100000，R 为 0–1）";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!TryParse(args, out var request, out var error))
        {
            stderr.WriteLine($"generate: {error}");
            stderr.WriteLine(Usage);
            return 2;
        }
        var generator = new DeclarationGenerator(new DeclarationRulesOptions());
        var forms = generator.Generate(request.Seed, request.Count, request.DefectRate);
        if (request.Format == "text")
        {
            foreach (var generated in forms)
            {
                TextFormWriter.Write(stdout, generated.Form);
            }
        }
        else
        {
            WriteJson(stdout, forms);
        }
        stdout.Flush();
        return 0;
    }

    // Streams {"forms":[{...form..., "injectedDefects":[...]}]} so 100 000 forms never sit in memory at once.
    private static void WriteJson(TextWriter stdout, IEnumerable<GeneratedDeclaration> forms)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = DeclarationJson.Options.Encoder }))
        {
            json.WriteStartObject();
            json.WriteStartArray("forms");
            foreach (var generated in forms)
            {
                var node = JsonSerializer.SerializeToNode(generated.Form, DeclarationJson.Options)!.AsObject();
                node["injectedDefects"] = JsonSerializer.SerializeToNode(generated.InjectedDefects, DeclarationJson.Options);
                node.WriteTo(json, DeclarationJson.Options);
                json.Flush();
                if (buffer.Length > 1 << 20)
                {
                    Drain(buffer, stdout);
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        Drain(buffer, stdout);
        stdout.WriteLine();
    }

    private static void Drain(MemoryStream buffer, TextWriter stdout)
    {
        stdout.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        buffer.SetLength(0);
    }

    private sealed record Request(int Count, int Seed, double DefectRate, string Format);

    private static bool TryParse(string[] args, out Request request, out string error)
    {
        request = new Request(0, 0, 0, "json");
        int? count = null;
        int? seed = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                error = $"参数 {name} 缺少取值";
                return false;
            }
            var value = args[++i];
            switch (name)
            {
                case "--count" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= DeclarationGenerator.MaxCount:
                    count = n;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    break;
                case "--defect-rate" when double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 1:
                    request = request with { DefectRate = r };
                    break;
                case "--format" when value is "json" or "text":
                    request = request with { Format = value };
                    break;
                case "--count" or "--seed" or "--defect-rate" or "--format":
                    error = $"参数 {name} 的取值“{value}”无效";
                    return false;
                default:
                    error = $"未知参数“{name}”";
                    return false;
            }
        }
        if (count is null || seed is null)
        {
            error = count is null ? "缺少 --count" : "缺少 --seed";
            return false;
        }
        request = request with { Count = count.Value, Seed = seed.Value };
        error = "";
        return true;
    }
}
