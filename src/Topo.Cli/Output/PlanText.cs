using System.Text;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Cli.Output;

/// <summary>
/// The plan as a person reads it, in Terraform's style: steps grouped by namespace (host first,
/// then by name, plan order within), one symbol each, changed attributes indented below.
/// </summary>
public static class PlanText
{
    private const string Green = "\u001b[32m", Yellow = "\u001b[33m", Red = "\u001b[31m", Reset = "\u001b[0m";

    /// <param name="names">How to name attached namespaces (by their nodes, from the file); plain paths when null.</param>
    public static string Render(Plan plan, bool color = false, NamespaceNames? names = null)
    {
        names ??= NamespaceNames.Plain;
        if (plan.IsEmpty) return plan.Waiting.IsEmpty ? "No changes. The kernel matches the lab.\n" : "No changes to make now.\n" + WaitingText(plan, names);

        var causes = new DestructionCauses(plan);
        var text = new StringBuilder();
        foreach (var group in plan.Steps.Select((step, index) => (step, index)).GroupBy(s => s.step.Subject.Namespace).OrderBy(g => g.Key))
        {
            text.Append(group.Key.IsHost ? "host" : $"netns {names.Of(group.Key)}").Append(":\n");
            foreach (var (step, index) in group) AppendStep(text, step, causes.Of(step, index), color, names);
            text.Append('\n');
        }

        var summary = PlanSummary.Of(plan);
        text.Append($"Plan: {summary.Add} to add, {summary.Change} to change, {summary.Destroy} to destroy.\n");
        if (!plan.Waiting.IsEmpty) text.Append(WaitingText(plan, names));
        return text.ToString();
    }

    /// <summary>What the plan leaves out until it is there: a line each after a <c>!</c>.</summary>
    public static string WaitingText(Plan plan, NamespaceNames names)
    {
        var text = new StringBuilder("Waiting (made once there, no error meanwhile):\n");
        foreach (var r in plan.Waiting) text.Append("  ! ").Append(r.Describe(names)).Append(' ').Append(Waiting.Note(r)).Append('\n');
        return text.ToString();
    }

    private static void AppendStep(StringBuilder text, Change step, Change? cause, bool color, NamespaceNames names)
    {
        var (symbol, paint) = step.Action switch
        {
            ChangeAction.Create => ("  +", Green),
            ChangeAction.Update => ("  ~", Yellow),
            ChangeAction.Delete => ("  -", Red),
            _ => ("-/+", Yellow),
        };
        text.Append(color ? paint + symbol + Reset : symbol).Append(' ').Append(step.Subject.Describe(names));
        if (cause is not null)
        {
            var why = step.Action == ChangeAction.Create ? "re-created: it goes with" : "made again: it depends on";
            text.Append($"   # {why} {cause.Subject.Describe(names)} ({Done(cause)})");
        }

        text.Append('\n');

        var forcing = step.After?.Attributes.Where(a => a.Update == AttrUpdate.Replace).Select(a => a.Name).ToHashSet() ?? [];
        foreach (var attr in step.Attrs)
        {
            var note = step.Action == ChangeAction.Replace && forcing.Contains(attr.Name) ? "   # forces replacement" : "";
            AppendAttr(text, attr, note);
        }
    }

    private static void AppendAttr(StringBuilder text, AttrChange attr, string note)
    {
        if (attr.Old?.Contains('\n') != true && attr.New?.Contains('\n') != true)
        {
            text.Append($"      {attr.Name}: {Show(attr.Old)} -> {Show(attr.New)}{note}\n");
            return;
        }

        // Multi-line values (a rule set) read best as the lines that go and the lines that come.
        var old = Lines(attr.Old);
        var @new = Lines(attr.New);
        text.Append($"      {attr.Name}:{note}\n");
        foreach (var line in old.Except(@new)) text.Append($"        - {line}\n");
        foreach (var line in @new.Except(old)) text.Append($"        + {line}\n");
    }

    private static string[] Lines(string? value) => value is null ? [] : value.Split('\n');

    private static string Show(string? value) => value ?? "(unset)";

    private static string Done(Change cause) => cause.Action switch
    {
        ChangeAction.Delete => "deleted",
        ChangeAction.Replace => "replaced",
        _ => "re-created",
    };
}
