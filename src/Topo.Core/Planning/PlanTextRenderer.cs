using System.Text;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Planning;

/// <summary>
/// The plan as a person reads it, in Terraform's style: steps grouped by namespace (host first,
/// then by name, plan order within), one symbol each, changed attributes indented below.
/// </summary>
public static class PlanTextRenderer
{
    private const string Green = "\u001b[32m", Yellow = "\u001b[33m", Red = "\u001b[31m", Reset = "\u001b[0m";

    /// <param name="names">How to name attached namespaces (by their nodes, from the file); plain paths when null.</param>
    public static string Render(Plan plan, bool color = false, NamespaceNames? names = null)
    {
        names ??= NamespaceNames.Plain;
        if (plan.IsEmpty) return "No changes. The kernel matches the lab.\n";

        var causes = new DestructionCauses(plan);
        var text = new StringBuilder();
        foreach (var group in plan.Steps.Select((step, index) => (step, index)).GroupBy(s => s.step.Subject.Namespace).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append(group.Key.Length == 0 ? "host" : $"netns {names.Of(group.Key)}").Append(":\n");
            foreach (var (step, index) in group) AppendStep(text, step, causes.Of(step, index), color, names);
            text.Append('\n');
        }

        var summary = PlanSummary.Of(plan);
        text.Append($"Plan: {summary.Add} to add, {summary.Change} to change, {summary.Destroy} to destroy.\n");
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

    /// <summary>For re-created and dependent-replaced steps, the earlier step that destroyed what they needed.</summary>
    private sealed class DestructionCauses
    {
        private readonly Dictionary<ResourceKey, (Change Step, int Index)> _destroyedBy = [];

        public DestructionCauses(Plan plan)
        {
            for (var i = 0; i < plan.Steps.Length; i++)
            {
                var step = plan.Steps[i];
                if (step.Before is null || step.Action == ChangeAction.Update) continue;
                foreach (var k in step.Before.AllKeys()) _destroyedBy.TryAdd(k, (step, i));
            }
        }

        public Change? Of(Change step, int index)
        {
            var forced = step.Action == ChangeAction.Replace &&
                step.After!.Attributes.Any(a => a.Update == AttrUpdate.Replace && step.Attrs.Any(c => c.Name == a.Name));
            var explained = (step.Action == ChangeAction.Create && step.Before is not null) || (step.Action == ChangeAction.Replace && !forced);
            if (!explained) return null;

            return step.Before!.Carriers().Concat(step.Before!.Dependencies)
                .Select(k => _destroyedBy.TryGetValue(k, out var by) && by.Index < index ? by.Step : null)
                .FirstOrDefault(c => c is not null);
        }
    }
}
