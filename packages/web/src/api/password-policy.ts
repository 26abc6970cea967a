/** The live password rules (public endpoint), so every password form's hints match what the server enforces. */
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

type PublicPasswordRules = Pick<SecurityPolicy, 'minLength' | 'minCharClasses' | 'rejectWeakPasswords' | 'historyCount' | 'expiryDays'>;

export function usePasswordPolicy(): SecurityPolicy {
  const q = useQuery({
    queryKey: ['auth', 'password-policy'],
    queryFn: ({ signal }) => api.get<PublicPasswordRules>('/auth/password-policy', undefined, signal),
    staleTime: 60_000,
  });
  // Until the answer arrives the 等保 defaults stand in; the server checks again on submit anyway.
  return q.data ? { ...DEFAULT_SECURITY_POLICY, ...q.data } : DEFAULT_SECURITY_POLICY;
}
