using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Planning;

/// <summary>
/// A wanted object whose name the kernel already gives to something the lab does not own; or, with no
/// <see cref="Existing"/>, an object the lab needs but does not make (<see cref="ExternalLinkResource"/>) that is not there.
/// </summary>
public sealed record PlanConflict(Resource Wanted, Resource? Existing)
{
    public string Message => Existing is null
        ? (Wanted as ExternalLinkResource)?.MissingMessage ?? $"{Wanted.Describe()} does not exist"
        : $"{Existing.Describe()} already exists and is not owned by this lab" +
        (Existing.Owner is null ? "" : $" (it belongs to lab '{Existing.Owner}')") +
        $"; it is in the way of {Wanted.Describe()}: remove or rename it, or rename it in the lab file" + UnmarkedTableHint;

    // topo once took any table of the lab's name as its own, and made its tables without a mark.
    private string UnmarkedTableHint => Existing is NftTableResource { Owner: null } t
        ? $" (a table that an earlier topo made carries no mark: if it is this lab's, delete it with 'nft delete table ip {t.Table}'{(t.Ns.IsHost ? "" : $" in {t.Ns.Display}")} and apply again)"
        : "";
}
