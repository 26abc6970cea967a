/** The plan picker every monitoring page shares; the choice lives in the URL (?plan=). */
import { Select } from 'antd';
import { useSearchParams } from 'react-router';
import { DEFAULT_PLAN, planOptions, usePlans } from './api';

export function usePlanParam(): [string, (code: string) => void] {
  const [params, setParams] = useSearchParams();
  const plan = params.get('plan') || DEFAULT_PLAN;
  const set = (code: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('plan', code);
        return next;
      },
      { replace: true },
    );
  return [plan, set];
}

export function PlanSelect({ value, onChange, width = 320, activeOnly }: { value: string; onChange: (code: string) => void; width?: number; activeOnly?: boolean }) {
  const plans = usePlans();
  const list = activeOnly ? plans.data?.filter((p) => p.status === 'active' || p.taskCount > 0) : plans.data;
  return <Select aria-label="规划" style={{ width }} loading={plans.isPending} options={planOptions(list)} value={value} onChange={onChange} />;
}
