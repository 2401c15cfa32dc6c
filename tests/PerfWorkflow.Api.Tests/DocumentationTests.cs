using System.Text.RegularExpressions;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Tests;

/// <summary>The repository carries its own documentation (docs/): code cites it, and it shows the route as it is.</summary>
public sealed partial class DocumentationTests
{
    private static readonly string[] CheckedFolders = ["src", "tests", "infra", "docs", ".ci"];
    private static readonly string[] CheckedExtensions = [".cs", ".cshtml", ".csproj", ".props", ".targets", ".md", ".sh", ".json", ".js", ".css", ".sbn", ".yml", ".editorconfig", ""];

    [Fact]
    public void NoFileCitesADocumentOutsideTheRepository()
    {
        var root = ArchitectureTests.RepositoryRoot();
        var files = CheckedFolders
            .Select(f => Path.Combine(root, f))
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(root, "*", SearchOption.TopDirectoryOnly))
            .Where(IsCheckedSource)
            .Where(f => !f.EndsWith(nameof(DocumentationTests) + ".cs", StringComparison.Ordinal));

        var offenders = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (OutsideDocument().IsMatch(lines[i]))
                {
                    offenders.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offenders.Count == 0, "Cite docs/architecture.md, docs/domain.md, docs/rules.md or docs/infra.md instead:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Architecture_ShowsTheRoutesAsTheStateMachinesExportThem()
    {
        var architecture = Normalise(File.ReadAllText(Path.Combine(ArchitectureTests.RepositoryRoot(), "docs", "architecture.md")));

        Assert.Contains("```mermaid\n" + Normalise(DeclarationRoute.ToMermaid()).TrimEnd() + "\n```", architecture, StringComparison.Ordinal);
        Assert.Contains("```mermaid\n" + Normalise(PackageRoute.ToMermaid()).TrimEnd() + "\n```", architecture, StringComparison.Ordinal);
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\t", "    ", StringComparison.Ordinal);

    private static bool IsCheckedSource(string path)
    {
        var relative = path.Replace('\\', '/');
        if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal)
            || relative.Contains("/artifacts/", StringComparison.Ordinal) || relative.Contains("/node_modules/", StringComparison.Ordinal)
            || relative.Contains("/wwwroot/lib/", StringComparison.Ordinal))
        {
            return false;
        }
        return CheckedExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
    }

    // The team's working notes outside the repository, by name or by path.
    [Fact]
    public void TheRuleCatalogue_ListsEveryRuleId_WithItsSeverity()
    {
        var catalogue = File.ReadAllLines(Path.Combine(ArchitectureTests.RepositoryRoot(), "docs", "rules.md"));
        foreach (var (rule, severity) in PerfWorkflow.Workflows.Declarations.RuleIds.All)
        {
            var row = catalogue.SingleOrDefault(l => l.StartsWith($"| {rule} |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/rules.md has no row for {rule}");
            var cells = row!.Split('|');
            Assert.Contains(severity.ToString().ToLowerInvariant(), cells[2], StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"\b(DESIGN|DOMAIN)\.md\b|INFRA-NOTES|CONVENTIONS\.md|/work/shared|\.\./shared/")]
    private static partial Regex OutsideDocument();
}
