using System.Text;
using Topo.Core.Explain;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Cli.Output;

/// <summary>
/// <c>topo plan --explain</c>: the steps in the order apply takes them (a by-hand build must follow
/// it: a veth needs its namespace first), each with its commands as a shell transcript:
/// <c>$ </c> before a command, <c>&gt; </c> before its further lines, notes as they are.
/// </summary>
public static class ExplainText
{
    public const string Indent = "      ";

    /// <param name="names">How to name attached namespaces (by their nodes, from the file); plain paths when null.</param>
    public static string Render(Plan plan, string stateDirectory = StepCommands.DefaultStateDirectory, NamespaceNames? names = null)
    {
        if (plan.IsEmpty) return "No changes. The kernel matches the lab.\n";

        var text = new StringBuilder("Each step in apply's order, with the commands that do the same by hand:\n\n");
        foreach (var step in plan.Steps)
        {
            text.Append(Symbol(step.Action)).Append(' ').Append(step.Subject.Describe(names ?? NamespaceNames.Plain)).Append('\n');
            text.Append(Transcript(StepCommands.Of(step, plan.Lab, stateDirectory)));
        }

        var summary = PlanSummary.Of(plan);
        text.Append($"\nPlan: {summary.Add} to add, {summary.Change} to change, {summary.Destroy} to destroy.\n");
        return text.ToString();
    }

    /// <summary>Commands as indented transcript lines, each ending in a newline.</summary>
    public static string Transcript(IEnumerable<string> commands)
    {
        var text = new StringBuilder();
        foreach (var command in commands)
        {
            if (command.StartsWith('#'))
            {
                text.Append(Indent).Append(command).Append('\n');
                continue;
            }

            var lines = command.Split('\n');
            text.Append(Indent).Append("$ ").Append(lines[0]).Append('\n');
            foreach (var more in lines.Skip(1)) text.Append(Indent).Append("> ").Append(more).Append('\n');
        }

        return text.ToString();
    }

    private static string Symbol(ChangeAction action) => action switch
    {
        ChangeAction.Create => "  +",
        ChangeAction.Update => "  ~",
        ChangeAction.Delete => "  -",
        _ => "-/+",
    };
}
