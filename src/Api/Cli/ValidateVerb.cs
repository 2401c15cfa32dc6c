namespace PerfWorkflow.Api.Cli;

/// <summary><c>validate [--format json|text] [--budget-year YYYY] FILE…</c> (DESIGN.md §7).</summary>
public static class ValidateVerb
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine($"validate: not implemented yet ({args.Length} arguments)");
        return 2;
    }
}
