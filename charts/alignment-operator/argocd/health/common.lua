-- Shared by the alignment.dev health checks; hack/argocd-health.sh puts it in front of each kind's script.
-- Argo CD runs them under gopher-lua with only the base, table and os libraries: no string or math functions.

-- The health that status.phase maps to through phases, and the status when the operator has caught up with the spec
-- (nil while it has not: no status yet, or a status of an older generation).
local function phaseHealth(phases)
  local status = obj.status
  if status == nil or status.phase == nil then
    return {status = "Progressing", message = "Waiting for the operator to report status"}, nil
  end
  local generation = obj.metadata.generation
  if status.observedGeneration ~= nil and generation ~= nil and status.observedGeneration ~= generation then
    return {status = "Progressing", message = "Waiting for the operator to observe generation " .. generation
      .. " (status is of generation " .. status.observedGeneration .. ")"}, nil
  end
  local health = phases[status.phase]
  if health == nil then
    return {status = "Unknown", message = "Unknown phase " .. status.phase}, nil
  end
  local message = status.phase
  if status.message ~= nil and status.message ~= "" then
    message = message .. ": " .. status.message
  end
  return {status = health, message = message}, status
end

