namespace Topo.Core.Planning;

/// <summary>What a plan step does, with the symbol Terraform users know.</summary>
public enum ChangeAction
{
    Create,
    Update,
    Replace,
    Delete,
}
