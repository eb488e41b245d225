using Topo.Core.State;

namespace Topo.Core.Planning;

/// <summary>For re-created and dependent-replaced steps, the earlier step that destroyed what they needed.</summary>
public sealed class DestructionCauses
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
