namespace PerfWorkflow.Api.Cli;

/// <summary><c>generate --count N --seed S [--defect-rate R] [--format json|text]</c> (DESIGN.md §7).</summary>
public static class GenerateVerb
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine($"generate: not implemented yet ({args.Length} arguments)");
        return 2;
    }
}
