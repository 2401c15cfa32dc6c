using System.Xml.Linq;

namespace PerfWorkflow.Api.Tests;

/// <summary>docs/architecture.md §2: Api → Workflows, Api → Notifications, Notifications → Workflows — nothing else.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void ProjectReferences_FollowTheDependencyDirection()
    {
        var root = RepositoryRoot();
        var edges = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var project in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var from = Path.GetFileNameWithoutExtension(project);
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var target = Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/'));
                edges.Add($"{from} -> {target}");
            }
        }

        Assert.Equal(
            [
                "PerfWorkflow.Api -> PerfWorkflow.Notifications",
                "PerfWorkflow.Api -> PerfWorkflow.Workflows",
                "PerfWorkflow.Notifications -> PerfWorkflow.Workflows",
            ],
            edges);
    }

    [Fact]
    public void TheJsonApiAndTheHost_DoNotUseThePortalsPages()
    {
        // docs/adr/005-folder-dependencies.md: the portal (Pages) builds on the API's services, never the other way.
        var api = Path.Combine(RepositoryRoot(), "src", "Api");
        var offenders = Directory.EnumerateFiles(api, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Pages{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("PerfWorkflow.Api.Pages", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(api, f))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Workflows_DoesNotDependOnAspNetCoreHangfireOrTheBusTransport()
    {
        var references = typeof(PerfWorkflow.Workflows.Persistence.PerfWorkflowDbContext).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .ToList();

        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("Hangfire", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("MassTransit", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("RabbitMQ", StringComparison.Ordinal));
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PerfWorkflow.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("PerfWorkflow.sln not found above " + AppContext.BaseDirectory);
    }
}
